namespace WorkflowStudio.Engine.Tools;

/// <summary>What a built-in tool may need besides its arguments.</summary>
/// <param name="IdempotencyKey">The caller's key for this attempt (<c>runId:nodeId</c>), when it sent one.</param>
/// <param name="TimeProvider">The clock: use it for any waiting so tests can control time.</param>
public readonly record struct BuiltinToolContext(string? IdempotencyKey, TimeProvider TimeProvider);
