namespace WorkflowStudio.Engine.Tools;

/// <summary>What a built-in tool may need besides its arguments.</summary>
/// <param name="IdempotencyKey">The caller's key for this attempt (<c>runId:nodeId</c>), when it sent one.</param>
/// <param name="TimeProvider">The clock: use it for any waiting so tests can control time.</param>
/// <param name="TenantId">
/// The tenant whose data the call may read and write (<see cref="ToolCallRequest.EffectiveTenantId"/>); every tool that stores
/// data keys it by this id. A valid tenant id (<see cref="Tenancy.Tenant.IsValidId"/>), checked by the built-in tool source.
/// </param>
public readonly record struct BuiltinToolContext(string? IdempotencyKey, TimeProvider TimeProvider, string TenantId);
