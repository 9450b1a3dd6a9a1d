namespace WorkflowStudio.Engine.Tenancy;

/// <summary>A new key: <see cref="Secret"/> is shown this once and cannot be read again (only its hash is stored).</summary>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Secret);
