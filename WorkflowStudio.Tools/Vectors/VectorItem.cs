namespace WorkflowStudio.Tools.Vectors;

/// <summary>One item to index: its id in the collection, the text to embed (kept, so it can be re-embedded) and metadata JSON.</summary>
internal sealed record VectorItem(string Id, string Text, string Metadata);
