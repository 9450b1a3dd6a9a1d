namespace WorkflowStudio.Web.Studio;

/// <summary>One Hangfire queue: jobs waiting, and jobs fetched by a worker but not finished (when the storage says).</summary>
public sealed record QueueStatus(string Name, long Enqueued, long? Fetched);
