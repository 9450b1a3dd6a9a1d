using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>The Hangfire job server of this process that runs node jobs.</summary>
internal sealed class NodeJobServer : IHostedService, IDisposable
{
    private readonly OwnedJobServer _server;
    private readonly ExecutionOptions _options;

    public NodeJobServer(JobStorage storage, ServiceProviderJobActivator activator, IOptions<ExecutionOptions> options)
    {
        _server = new OwnedJobServer(storage, activator);
        _options = options.Value;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server.Start(role: "", _options.WorkerCount, HangfireNodeDispatcher.ServerQueues);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync(cancellationToken);

    public void Dispose() => _server.Dispose();
}
