namespace WorkflowStudio.Engine.Workflows.Hooks;

/// <summary>
/// A webhook trigger of a saved workflow (table <c>webhooks</c>): <see cref="ProtectedSecret"/> is the signing secret as the
/// web host protected it (the engine never sees it in clear), <see cref="Mapping"/> maps input names to JSON pointers into
/// the delivery's body, <see cref="Mode"/> is <c>sync</c> or <c>async</c>.
/// </summary>
internal sealed record Webhook(string Id, string TenantId, string WorkflowId, string ProtectedSecret, IReadOnlyDictionary<string, string> Mapping,
    string Mode, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
