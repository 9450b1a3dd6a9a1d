using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Application;

/// <summary>
/// The result of starting a run: <see cref="RunId"/> (with <see cref="Reused"/> when an earlier request with the same
/// idempotency key started it), or validation errors, a quota refusal, or an idempotency conflict.
/// </summary>
internal sealed record RunStartOutcome
{
    public string? RunId { get; init; }
    public bool Reused { get; init; }
    public IReadOnlyList<ValidationError> Errors { get; init; } = [];
    public QuotaDecision? Quota { get; init; }
    public string? Conflict { get; init; }
}
