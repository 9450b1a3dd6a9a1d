namespace WorkflowStudio.Web.Api;

/// <summary><c>POST /api/workflows/{id}/hooks</c>: input name → JSON pointer into the delivery's body, and <c>sync</c> or <c>async</c> (default).</summary>
internal sealed record WebhookCreateBody
{
    public Dictionary<string, string>? Mapping { get; init; }
    public string? Mode { get; init; }
}
