using System.Threading.Channels;
using WorkflowStudio.Engine.Runs.Events;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// Journals one attempt's progress reports as <see cref="NodeProgressed"/> (and so publishes them live). Reports are queued
/// and written in order by one writer, so a slow journal never holds up the MCP session; disposing waits for the queue,
/// so every progress event precedes the node's finish. At most <see cref="MaxEvents"/> per attempt, so a chatty server
/// cannot flood the journal. The MCP SDK hands notifications over concurrently, so reports sent close together may be
/// journaled out of order; readers take the highest <see cref="NodeProgressed.Progress"/> as the latest.
/// </summary>
internal sealed class ProgressJournal : IAsyncDisposable
{
    internal const int MaxEvents = 100;
    private readonly Channel<NodeProgressed> _queue = Channel.CreateUnbounded<NodeProgressed>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly RunJournal _journal;
    private readonly TimeProvider _time;
    private readonly string _runId;
    private readonly string _node;
    private readonly int _attempt;
    private readonly Task _writer;
    private int _count;

    public ProgressJournal(RunJournal journal, TimeProvider time, string runId, string node, int attempt)
    {
        _journal = journal;
        _time = time;
        _runId = runId;
        _node = node;
        _attempt = attempt;
        _writer = WriteAsync();
    }

    public ValueTask ReportAsync(ToolProgress progress, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_count >= MaxEvents)
            {
                return ValueTask.CompletedTask;
            }
            _count++;
            // After the call ended (a notification the SDK delivers after the result) the queue is closed: the result supersedes it.
            _queue.Writer.TryWrite(new NodeProgressed(_runId, _time.GetUtcNow(), _node, _attempt, progress.Progress, progress.Total, progress.Message));
        }
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAsync()
    {
        // At most MaxEvents small writes, not cancelled: what was reported during the call is journaled before the node finishes.
        await foreach (var progressed in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            await _journal.PublishAsync(progressed, CancellationToken.None);
        }
    }
}
