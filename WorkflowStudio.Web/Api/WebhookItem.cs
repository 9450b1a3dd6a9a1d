namespace WorkflowStudio.Web.Api;

/// <summary>A webhook as listed: never its secret.</summary>
internal sealed record WebhookItem(string Id, string WorkflowId, string Url, string Mode, IReadOnlyDictionary<string, string> Mapping,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
