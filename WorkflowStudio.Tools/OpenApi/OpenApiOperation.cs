using System.Text.Json;

namespace WorkflowStudio.Tools.OpenApi;

/// <summary>One operation of an imported API, as a tool: where to send it and which arguments go where.</summary>
internal sealed record OpenApiOperation(
    string Api,
    string ToolName,
    string Method,
    string PathTemplate,
    string BaseUrl,
    string? Summary,
    IReadOnlyList<(string Name, string In)> Parameters,
    bool HasBody,
    JsonElement InputSchema);
