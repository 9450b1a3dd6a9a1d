using System.Text.Json;

namespace WorkflowStudio.Web.Api;

/// <summary>The body of <c>POST /api/runs/{id}/nodes/{nodeId}/input</c>: <c>action</c> accept, decline or cancel; <c>content</c> with accept.</summary>
public sealed record InputAnswerBody(string? Action, JsonElement? Content);
