using System.Text.Json;
using WorkflowStudio.Engine.Execution.Events;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Execution;

/// <summary>Writes an event to the run journal, then publishes it live: what people see is what was journaled.</summary>
internal sealed class RunJournal
{
    private readonly IRunStore _store;
    private readonly IRunEventStream _stream;

    public RunJournal(IRunStore store, IRunEventStream stream)
    {
        _store = store;
        _stream = stream;
    }

    public async ValueTask PublishAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        var data = JsonSerializer.Serialize(runEvent, EngineJson.Default.RunEvent);
        await _store.AppendEventAsync(runEvent.RunId, runEvent.At.ToUnixTimeMilliseconds(), runEvent.EventKind, runEvent.NodeId, data, cancellationToken);
        _stream.Publish(runEvent);
    }
}
