using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Application;

/// <summary>
/// What to start and who asks (<see cref="Actor"/>, as the audit log names it: <c>key:PREFIX</c>, <c>user:NAME</c>,
/// <c>mcp:…</c>, <c>schedule:ID</c>, <c>followup:…</c>, <c>cli:…</c>); with the idempotency key (and a hash of the request
/// it came with) when given. The tenant is the front door's (<see cref="TenantRuns"/>), never the request's.
/// </summary>
internal sealed record RunStartRequest(string Actor, WorkflowDefinition Workflow, IReadOnlyDictionary<string, JsonElement> Inputs)
{
    /// <summary>The saved workflow the run is of; null for a one-off workflow (its name is used).</summary>
    public string? WorkflowId { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>A stable hash of the request (<see cref="RunStarter.HashOf"/>), to tell a retry from a different request under the same key.</summary>
    public string RequestHash { get; init; } = string.Empty;
}
