using Hangfire.PostgreSql;

namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>
/// Plugs <see cref="PostgresNodeJobQueue"/> into Hangfire.PostgreSql through its public queue-provider collection, for
/// every queue our job servers fetch from; monitoring reads the same table through Hangfire.PostgreSql's own code.
/// </summary>
internal sealed class PostgresNodeJobQueueProvider : IPersistentJobQueueProvider, IDisposable
{
    private readonly PostgresNodeJobQueue _queue;
    private readonly QueueMonitoring _monitoring;

    /// <summary>Registers itself for all of <see cref="HangfireNodeDispatcher.ServerQueues"/> (a server fetches through one provider).</summary>
    public PostgresNodeJobQueueProvider(PostgresNodeJobQueue queue, PostgreSqlStorage storage, PostgreSqlStorageOptions options)
    {
        _queue = queue;
        _monitoring = new QueueMonitoring(new PostgreSqlJobQueueProvider(storage, options).GetJobQueueMonitoringApi());
        storage.QueueProviders.Add(this, HangfireNodeDispatcher.ServerQueues);
    }

    public IPersistentJobQueue GetJobQueue() => _queue;

    public IPersistentJobQueueMonitoringApi GetJobQueueMonitoringApi() => _monitoring;

    public void Dispose() => _queue.Dispose();

    /// <summary>
    /// Hangfire.PostgreSql's monitoring of the shared table; the queue list is left to the default provider, which lists
    /// every queue of the table already (else each would show twice).
    /// </summary>
    private sealed class QueueMonitoring(IPersistentJobQueueMonitoringApi inner) : IPersistentJobQueueMonitoringApi
    {
        public IEnumerable<string> GetQueues() => [];

        public IEnumerable<long> GetEnqueuedJobIds(string queue, int from, int perPage) => inner.GetEnqueuedJobIds(queue, from, perPage);

        public IEnumerable<long> GetFetchedJobIds(string queue, int from, int perPage) => inner.GetFetchedJobIds(queue, from, perPage);

        public EnqueuedAndFetchedCountDto GetEnqueuedAndFetchedCount(string queue) => inner.GetEnqueuedAndFetchedCount(queue);
    }
}
