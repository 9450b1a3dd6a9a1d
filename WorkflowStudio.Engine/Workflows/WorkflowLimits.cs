namespace WorkflowStudio.Engine.Workflows;

/// <summary>Size limits a workflow must stay within; the reader and the validator report each with a clear error.</summary>
public static class WorkflowLimits
{
    /// <summary>Most nodes one workflow may have.</summary>
    public const int MaxNodes = 5000;

    /// <summary>Largest workflow document, in UTF-8 bytes (4 MiB).</summary>
    public const int MaxJsonBytes = 4 * 1024 * 1024;

    /// <summary>Longest node id.</summary>
    public const int MaxIdLength = 100;

    /// <summary>Deepest nesting of JSON objects and arrays in a workflow document.</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>Most attempts a retry policy may ask for.</summary>
    public const int MaxRetryAttempts = 20;

    /// <summary>Longest node timeout: one day.</summary>
    public const double MaxTimeoutSeconds = 86400;

    /// <summary>Longest time a cached node result is reused: 30 days.</summary>
    public const int MaxCacheTtlSeconds = 2_592_000;
}
