using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>The Hangfire job entry point: executes one node of one run.</summary>
public sealed class NodeJob
{
    private readonly IServiceProvider _services;

    public NodeJob(IServiceProvider services) => _services = services;

    /// <summary>Hangfire's own retries are off: attempts, backoff and fallbacks are the node's policy, journaled by us.</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("node {1} of run {0}")]
    public Task ExecuteAsync(string runId, string nodeId, CancellationToken cancellationToken) =>
        _services.GetRequiredService<NodeExecutor>().ExecuteAsync(runId, nodeId, cancellationToken).AsTask();
}
