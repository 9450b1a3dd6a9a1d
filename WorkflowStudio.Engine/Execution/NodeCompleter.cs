using System.Text.Json;
using WorkflowStudio.Engine.Execution.CrashPoints;
using WorkflowStudio.Engine.Execution.Events;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// Journals how a node ended together with its consequences (dependants made ready, descendants skipped), dispatches
/// what became ready, publishes the events, and closes the run when this was its last node.
/// </summary>
internal sealed class NodeCompleter
{
    private readonly IRunStore _store;
    private readonly RunJournal _journal;
    private readonly INodeDispatcher _dispatcher;
    private readonly RunFinalizer _finalizer;
    private readonly RunReviser _reviser;
    private readonly TimeProvider _time;
    private readonly ICrashPoints _crashPoints;

    public NodeCompleter(IRunStore store, RunJournal journal, INodeDispatcher dispatcher, RunFinalizer finalizer, RunReviser reviser, TimeProvider time, ICrashPoints crashPoints)
    {
        _crashPoints = crashPoints;
        _reviser = reviser;
        _store = store;
        _journal = journal;
        _dispatcher = dispatcher;
        _finalizer = finalizer;
        _time = time;
    }

    /// <summary>The outcome record for <paramref name="status"/>: a skipped node, or a failed one that may not fail quietly, blocks everything downstream.</summary>
    public NodeOutcome Outcome(RunContext context, WorkflowNode node, string status, string? error, JsonElement? args, IReadOnlyList<string> used, int attempts)
    {
        var blocks = status == NodeStatus.Skipped || (status == NodeStatus.Error && !node.ContinueOnError);
        return new NodeOutcome
        {
            Status = status,
            FinishedAt = _time.GetUtcNow().ToUnixTimeMilliseconds(),
            Args = args?.GetRawText(),
            Error = error,
            ContextUsed = used.Count == 0 ? null : ContextUsedJson(used),
            Attempts = attempts,
            Dependants = blocks ? [] : context.Graph.DependantsOf(node.Id),
            SkipDependants = blocks ? context.Descendants(node.Id) : [],
            SkipReason = blocks ? $"skipped because '{node.Id}' {(status == NodeStatus.Skipped ? "was skipped" : "failed")}" : null,
        };
    }

    public static string ContextUsedJson(IEnumerable<string> used) =>
        JsonSerializer.Serialize<IReadOnlyList<string>>(used.Distinct(StringComparer.Ordinal).ToArray(), EngineJson.Default.IReadOnlyListString);

    public async ValueTask CompleteAsync(RunContext context, WorkflowNode node, NodeOutcome outcome, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow(); // when the node's work ended, before the journal write (dispatch latency counts from here)
        RunEvent own = outcome.Status == NodeStatus.Skipped
            ? new NodeSkipped(context.RunId, now, node.Id, outcome.Error ?? "skipped")
            : new NodeFinished(context.RunId, now, node.Id, outcome.Status, outcome.Attempts, (now - startedAt).TotalMilliseconds, outcome.Error, outcome.FallbackUsed);
        RunEvent[] events = [];
        // One transaction: the attempt's end, the node's status, its dependants, and the events saying so.
        var completion = await _store.CompleteNodeAsync(context.RunId, node.Id, outcome, applied =>
        {
            events = [own, .. applied.Skipped.Select(skipped => new NodeSkipped(context.RunId, now, skipped, outcome.SkipReason ?? "skipped"))];
            return events.Select(_journal.Entry).ToArray();
        }, cancellationToken);
        if (!completion.Applied)
        {
            return;
        }
        _crashPoints.Reached(CrashPoint.AfterResultCommitBeforeDispatch, context.RunId, node.Id);
        _journal.Published(events[0], completion.EventSeqs[0]);
        _dispatcher.Dispatch(context.RunId, completion.Ready);
        for (var i = 1; i < events.Length; i++)
        {
            _journal.Published(events[i], completion.EventSeqs[i]);
        }
        if (completion.ReplanNode is { } failed && completion.InFlight == 0)
        {
            await _reviser.ReviseAsync(context, failed, cancellationToken);
        }
        else if (!completion.AnyUnfinished)
        {
            await _finalizer.FinishAsync(context, cancellationToken);
        }
    }
}
