using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs.Statistics;

/// <summary>Median and 95th percentile (nearest rank) of some durations in milliseconds; null when there were none.</summary>
public sealed record DurationPercentiles(int Count, double? P50Ms, double? P95Ms)
{
    public static DurationPercentiles Empty { get; } = new(0, null, null);

    public static DurationPercentiles Of(IEnumerable<double> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        var sorted = durations.Order().ToArray();
        return sorted.Length == 0 ? Empty : new DurationPercentiles(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95));
    }

    private static double Rank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
