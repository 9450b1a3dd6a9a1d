using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Execution.Dispatch;

namespace WorkflowStudio.Web.Hosting;

/// <summary>
/// Healthy when some Hangfire job server has sent a heartbeat recently (this process's, or the cluster's workers').
/// Degraded when none has: runs would be accepted but nothing would execute them.
/// </summary>
internal sealed class JobServerHealthCheck(JobStorage storage, IOptions<ExecutionOptions> execution, TimeProvider time) : IHealthCheck
{
    public const string Name = "job-servers";
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(1);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            // Only servers that execute nodes count (a web process's small schedule server does not).
            var servers = storage.GetMonitoringApi().Servers().Where(s => s.Queues.Contains(HangfireNodeDispatcher.Queue)).ToArray();
            var live = servers.Count(s => s.Heartbeat is { } beat && now - beat < Stale);
            var workers = servers.Sum(s => s.WorkersCount);
            return Task.FromResult(live > 0
                ? HealthCheckResult.Healthy($"{live} job server(s) alive with {workers} workers.")
                : execution.Value.RunWorkers
                    ? new HealthCheckResult(context.Registration.FailureStatus, "This process's job server has not started or stopped sending heartbeats.")
                    : HealthCheckResult.Degraded("No worker is alive: start 'studio serve --role worker' against the same database."));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, $"Hangfire storage does not answer: {exception.Message}", exception));
        }
    }
}
