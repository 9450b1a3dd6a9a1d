using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Api;

/// <summary>What to start, for whom, and the idempotency key (with a hash of the request it came with) when given.</summary>
internal sealed record RunStartRequest(
    string TenantId, string Actor, WorkflowDefinition Workflow, IReadOnlyDictionary<string, JsonElement> Inputs, string? WorkflowId,
    string? IdempotencyKey, string RequestHash);
