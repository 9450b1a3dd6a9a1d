namespace WorkflowStudio.Engine.Workflows;

/// <summary>
/// A workflow written in the seed's <c>orchestration.actions</c> format: the JSON (null when the graph cannot be written,
/// see <see cref="Error"/>) and what the format could not carry, one sentence per feature, empty when nothing was lost.
/// </summary>
public sealed record SeedExport(string? Json, IReadOnlyList<string> Dropped, string? Error = null);
