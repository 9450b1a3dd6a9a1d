namespace WorkflowStudio.Engine.Workflows;

/// <summary>How often and how patiently a node's tool call is retried.</summary>
public sealed record RetryPolicy
{
    public const int DefaultMaxAttempts = 1;
    public const double DefaultBackoffSeconds = 0.5;
    public const double DefaultBackoffMultiplier = 2;

    /// <summary>Total attempts including the first (1 = no retry).</summary>
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;
    public double BackoffSeconds { get; init; } = DefaultBackoffSeconds;
    public double BackoffMultiplier { get; init; } = DefaultBackoffMultiplier;

    /// <summary>Retry after timeouts and transport failures even when the tool is neither read-only nor idempotent.</summary>
    public bool Unsafe { get; init; }

    public static RetryPolicy None { get; } = new();

    /// <summary>Delay before attempt <paramref name="nextAttempt"/> (2 = first retry).</summary>
    public TimeSpan BackoffBefore(int nextAttempt) =>
        TimeSpan.FromSeconds(BackoffSeconds * Math.Pow(BackoffMultiplier, Math.Max(0, nextAttempt - 2)));
}
