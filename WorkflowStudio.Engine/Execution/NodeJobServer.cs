using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkflowStudio.Engine.Execution;

/// <summary>The Hangfire job server of this process, built on this host's storage and container (no global state).</summary>
internal sealed class NodeJobServer : IHostedService, IDisposable
{
    private readonly JobStorage _storage;
    private readonly ServiceProviderJobActivator _activator;
    private readonly ExecutionOptions _options;
    private BackgroundJobServer? _server;

    public NodeJobServer(JobStorage storage, ServiceProviderJobActivator activator, IOptions<ExecutionOptions> options)
    {
        _storage = storage;
        _activator = activator;
        _options = options.Value;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                WorkerCount = _options.WorkerCount,
                Queues = [.. HangfireNodeDispatcher.ServerQueues],
                Activator = _activator,
                ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}",
                ShutdownTimeout = TimeSpan.FromSeconds(10),
            },
            _storage);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }
        _server.SendStop();
        await _server.WaitForShutdownAsync(cancellationToken);
    }

    public void Dispose() => _server?.Dispose();
}
