using System.Text.Json;

namespace WorkflowStudio.Web.Api;

/// <summary><c>POST /api/workflows/{id}/runs</c>: inputs, and sync (default) or async.</summary>
internal sealed record StartRunBody
{
    public Dictionary<string, JsonElement>? Inputs { get; init; }
    public string? Mode { get; init; }
    public int? Version { get; init; }
}
