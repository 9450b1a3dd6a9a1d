namespace WorkflowStudio.Tools.Vectors;

/// <summary>A search result: the item and its cosine similarity to the query (1 = same direction).</summary>
internal sealed record VectorHit(string Id, string Text, string Metadata, double Score);
