namespace WorkflowStudio.Engine.Tenancy;

/// <summary>
/// The answer to claiming an idempotency key: <see cref="Claimed"/> for the first request; otherwise the run it started
/// (<see cref="RunId"/>, null while it is still starting), and whether the retry's body differs (<see cref="Conflict"/>).
/// </summary>
public sealed record IdempotencyClaim(bool Claimed, string? RunId, bool Conflict);
