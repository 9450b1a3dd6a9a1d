namespace WorkflowStudio.Engine.Tenancy;

/// <summary>A customer: every workflow, run and usage record belongs to one. <see cref="Tier"/> is one of <see cref="Metering.PricingTiers"/>.</summary>
public sealed record Tenant(string Id, string Name, string Tier, DateTimeOffset CreatedAt)
{
    /// <summary>The tenant of everything made before tenants existed, and of the CLI.</summary>
    public const string DefaultId = "default";

    public const int MaxIdLength = 64;

    /// <summary>Lower-case letters, digits, '-' and '_', starting with a letter or digit.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && char.IsAsciiLetterOrDigit(id[0])
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');
}
