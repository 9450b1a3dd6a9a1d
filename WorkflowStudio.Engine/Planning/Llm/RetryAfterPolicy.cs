using System.ClientModel.Primitives;
using System.Globalization;

namespace WorkflowStudio.Engine.Planning.Llm;

/// <summary>
/// The client pipeline's retry (HTTP 408, 429, 5xx, network errors) with the server's <c>Retry-After</c> /
/// <c>retry-after-ms</c> respected, capped at <see cref="MaxServerDelay"/>; exponential back-off otherwise.
/// </summary>
internal sealed class RetryAfterPolicy : ClientRetryPolicy
{
    public static readonly TimeSpan MaxServerDelay = TimeSpan.FromSeconds(60);

    public RetryAfterPolicy(int maxRetries) : base(maxRetries)
    {
    }

    protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount) =>
        ServerDelay(message.Response) is { } delay ? Min(delay, MaxServerDelay) : base.GetNextDelay(message, tryCount);

    internal static TimeSpan? ServerDelay(PipelineResponse? response)
    {
        if (response is null)
        {
            return null;
        }
        if (response.Headers.TryGetValue("retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }
        if (!response.Headers.TryGetValue("Retry-After", out var value) || value is null)
        {
            return null;
        }
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? Max(at - DateTimeOffset.UtcNow, TimeSpan.Zero)
            : null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
