using System.Text.Json;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// The optional body of approve, reject and cancel: a reason for the journal; on approve also <c>args</c>, the node's
/// arguments as the approver edited them (a JSON object checked against the tool's input schema), which the tool is then called with.
/// </summary>
internal sealed record DecisionBody(string? Reason, JsonElement? Args = null);
