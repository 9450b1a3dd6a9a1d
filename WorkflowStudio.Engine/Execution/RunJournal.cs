using System.Text.Json;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Execution.Dispatch;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// Writes an event to the run journal, then publishes it live in this process: what people see is what was journaled.
/// Events journaled by other processes arrive through the <see cref="JournalTailer"/>, which skips this process's own.
/// </summary>
internal sealed class RunJournal
{
    private readonly IRunEventLog _store;
    private readonly IRunEventStream _stream;
    private readonly WorkerIdentity _identity;

    public RunJournal(IRunEventLog store, IRunEventStream stream, WorkerIdentity identity)
    {
        _store = store;
        _stream = stream;
        _identity = identity;
    }

    /// <summary>The run's journaled events after <paramref name="afterSeq"/>, with their sequence numbers (for clients that resume).</summary>
    public async ValueTask<IReadOnlyList<RunEvent>> ReadAsync(string runId, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        (await _store.ReadEventsAsync(afterSeq, limit, runId, cancellationToken))
            .Select(stored => JsonSerializer.Deserialize(stored.Data, EngineJson.Default.RunEvent)! with { Seq = stored.Seq })
            .ToArray();

    public async ValueTask PublishAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        var entry = Entry(runEvent);
        Published(runEvent, await _store.AppendEventAsync(entry.RunId, entry.At, entry.Kind, entry.NodeId, entry.Data, entry.Origin, cancellationToken));
    }

    /// <summary>The journal row of <paramref name="runEvent"/>, for a store call that writes it with the state change it reports.</summary>
    public JournalEntry Entry(RunEvent runEvent) => new(
        runEvent.RunId, runEvent.At.ToUnixTimeMilliseconds(), runEvent.EventKind, runEvent.NodeId,
        JsonSerializer.Serialize(runEvent, EngineJson.Default.RunEvent), _identity.Id);

    /// <summary>Publishes live an event the store journaled as <paramref name="seq"/>; call only after that transaction committed.</summary>
    public void Published(RunEvent runEvent, long seq) => _stream.Publish(runEvent with { Seq = seq });
}
