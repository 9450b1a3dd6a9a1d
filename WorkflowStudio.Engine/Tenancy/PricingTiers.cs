using WorkflowStudio.Engine.Metering;
namespace WorkflowStudio.Engine.Tenancy;

/// <summary>The seed's pricing tiers (docs/api.md, "Pricing"). Short names (<c>simple</c>, <c>orchestrated</c>, <c>enterprise</c>) are accepted.</summary>
public static class PricingTiers
{
    /// <summary>$0.01 per tool call.</summary>
    public const string Simple = "simple_actions";

    /// <summary>$0.50–$5.00 per workflow run by complexity.</summary>
    public const string Orchestrated = "orchestrated_workflows";

    /// <summary>$50–$500 per workflow run by complexity (custom processes).</summary>
    public const string Enterprise = "enterprise_automation";

    /// <summary>The tier of a tenant that names none, and of prices made without a tenant (the CLI's plan).</summary>
    public const string Default = Orchestrated;

    public static IReadOnlyList<string> All { get; } = [Simple, Orchestrated, Enterprise];

    /// <summary>The tier's full name, or null when <paramref name="name"/> names none.</summary>
    public static string? Canonical(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        Simple or "simple" => Simple,
        Orchestrated or "orchestrated" => Orchestrated,
        Enterprise or "enterprise" => Enterprise,
        _ => null,
    };
}
