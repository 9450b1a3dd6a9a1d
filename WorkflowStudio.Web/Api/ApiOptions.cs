using System.ComponentModel.DataAnnotations;

namespace WorkflowStudio.Web.Api;

/// <summary>Configuration section <c>Api</c>: body size limit, sync wait, per-key rate limit.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";
    public const int DefaultMaxBodyBytes = Engine.Workflows.WorkflowLimits.MaxJsonBytes + 64 * 1024;
    public const int DefaultSyncTimeoutSeconds = 300;
    public const int DefaultPermitsPerMinute = 600;
    public const int DefaultHookMaxBodyBytes = 256 * 1024;
    public const int DefaultHookToleranceSeconds = 300;

    /// <summary>Largest request body on <c>/api</c> and <c>/mcp</c>; larger ones get 413.</summary>
    [Range(1024, 256 * 1024 * 1024, ErrorMessage = "Api:MaxBodyBytes must be between 1 KiB and 256 MiB.")]
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>How long a sync request waits for its run; after that it answers 202 with the run's Location.</summary>
    [Range(1, 86400, ErrorMessage = "Api:SyncTimeoutSeconds must be between 1 and 86400.")]
    public int SyncTimeoutSeconds { get; set; } = DefaultSyncTimeoutSeconds;

    /// <summary>Requests per minute per API key (token bucket refilled every second); over it requests get 429.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Api:PermitsPerMinute must be between 1 and 1000000.")]
    public int PermitsPerMinute { get; set; } = DefaultPermitsPerMinute;

    /// <summary>Largest webhook delivery body (<c>POST /hooks/{id}</c>); larger ones get 413 before anything else is checked.</summary>
    [Range(1, 64 * 1024 * 1024, ErrorMessage = "Api:HookMaxBodyBytes must be between 1 byte and 64 MiB.")]
    public int HookMaxBodyBytes { get; set; } = DefaultHookMaxBodyBytes;

    /// <summary>How far a webhook signature's timestamp may be from the server's clock; older (replayed) or future ones get 401.</summary>
    [Range(1, 3600, ErrorMessage = "Api:HookToleranceSeconds must be between 1 and 3600 (use 300 unless the senders' clocks drift).")]
    public int HookToleranceSeconds { get; set; } = DefaultHookToleranceSeconds;
}
