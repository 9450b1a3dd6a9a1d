using Hangfire;

namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>
/// One Hangfire job server owned by a hosted service of this process: built on this host's storage and container (no
/// global state), named after the process, stopped gracefully.
/// </summary>
internal sealed class OwnedJobServer(JobStorage storage, ServiceProviderJobActivator activator) : IDisposable
{
    /// <summary>How long a stopping process waits for the nodes it runs (Hangfire's jobs and in-process ones alike).</summary>
    internal static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);
    private BackgroundJobServer? _server;

    /// <param name="role">Part of the server's name after machine and process id (empty for none).</param>
    public void Start(string role, int workerCount, IEnumerable<string> queues) =>
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                WorkerCount = workerCount,
                Queues = [.. queues],
                Activator = activator,
                ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{role}{Guid.NewGuid().ToString("N")[..8]}",
                ShutdownTimeout = ShutdownTimeout,
            },
            storage);

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
