using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Cli;

/// <summary>
/// How <c>run</c> and <c>orchestrate</c> wait for their run and what an interruption (SIGINT, SIGTERM) does to it: with
/// the embedded storage this process executes the run, so it is cancelled and its result printed; with PostgreSQL the
/// cluster's workers execute it, so only the wait ends and the run goes on.
/// </summary>
internal static class RunFollower
{
    /// <summary>The finished run, or null when the wait was interrupted and the run goes on in the cluster (already said on <paramref name="stderr"/>).</summary>
    public static async Task<RunResult?> WaitAsync(
        IRunCoordinator coordinator, string runId, bool embedded, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            return await coordinator.WaitAsync(runId, cancellationToken: cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !embedded)
        {
            await stderr.WriteLineAsync(
                $"interrupted: stopped waiting; run {runId} goes on in the cluster (follow it with 'studio show {runId}', stop it with 'studio cancel {runId}')");
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"interrupted: cancelling run {runId}, which this process executes (embedded storage)");
            await coordinator.CancelAsync(runId, "cancelled from the command line (interrupted)", CancellationToken.None);
            return await coordinator.WaitAsync(runId, cancellationToken: CancellationToken.None);
        }
    }
}
