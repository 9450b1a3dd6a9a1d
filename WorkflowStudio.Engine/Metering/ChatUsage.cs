namespace WorkflowStudio.Engine.Metering;

/// <summary>
/// The tokens one chat call used and what it was for. Attribute it to a run (<see cref="RunId"/>, and
/// <see cref="NodeId"/> for an <c>ai_chat</c> node) or, before the run exists, to a plan (<see cref="PlanId"/>).
/// </summary>
public sealed record ChatUsage
{
    /// <summary>One of <see cref="UsagePurpose"/>'s values.</summary>
    public required string Purpose { get; init; }

    /// <summary>The model id the call used (prices are looked up by it).</summary>
    public string? Model { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public string? RunId { get; init; }
    public string? PlanId { get; init; }
    public string? NodeId { get; init; }
    public string? TenantId { get; init; }
}
