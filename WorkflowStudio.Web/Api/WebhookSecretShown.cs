namespace WorkflowStudio.Web.Api;

/// <summary>The answer of creating or rotating a webhook: the hook and its secret, shown this once and never again.</summary>
internal sealed record WebhookSecretShown(WebhookItem Hook, string Secret, string SignatureHeader);
