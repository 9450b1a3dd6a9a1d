namespace WorkflowStudio.Engine.Planning;

/// <summary>Measured tool latencies from the run journal; the estimator's source of truth for durations.</summary>
public interface IToolLatencyHistory
{
    /// <summary>
    /// The median (p50) duration in milliseconds of each tool's recent successful attempts, by <c>server/tool</c>;
    /// tools without history are absent from the answer.
    /// </summary>
    ValueTask<IReadOnlyDictionary<string, double>> GetMedianLatenciesAsync(
        IReadOnlyCollection<string> tools, CancellationToken cancellationToken = default);
}
