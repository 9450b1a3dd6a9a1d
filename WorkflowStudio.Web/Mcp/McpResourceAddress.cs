namespace WorkflowStudio.Web.Mcp;

/// <summary>A parsed resource URI: a run (<see cref="ArtefactPath"/> null), one of its artefacts, or a saved workflow.</summary>
internal readonly record struct McpResourceAddress(string? RunId, string? WorkflowId, string? ArtefactPath);
