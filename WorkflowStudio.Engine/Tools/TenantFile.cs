namespace WorkflowStudio.Engine.Tools;

/// <summary>A file inside a tenant's files root: where it is on disk and its path relative to the root (forward slashes).</summary>
internal sealed record TenantFile(string FullPath, string RelativePath);
