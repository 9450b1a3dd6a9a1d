namespace WorkflowStudio.Tools.Messaging;

/// <summary>
/// The ClickUp REST API of the <c>clickup_*</c> tools (configuration section <c>Tools:ClickUp</c>). Without an
/// <see cref="ApiToken"/>, created tasks go to <c>&lt;DataDir&gt;/outbox/clickup</c> and listing answers the shipped demo tasks.
/// </summary>
public sealed class ClickUpToolOptions
{
    public const string SectionName = "Tools:ClickUp";
    public const string DefaultBaseUrl = "https://api.clickup.com/api/v2";

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>From configuration or environment (<c>Tools__ClickUp__ApiToken</c>) only; never in workflow files.</summary>
    public string? ApiToken { get; set; }

    /// <summary>Used when a call gives no <c>listId</c>.</summary>
    public string? DefaultListId { get; set; }

    public double TimeoutSeconds { get; set; } = 30;
}
