using System.Text.Json;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine.Execution.CrashPoints;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Execution.Dispatch;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// Journals how a node ended together with its consequences (dependants made ready, descendants skipped), dispatches
/// what became ready, publishes the events, and closes the run when this was its last node.
/// </summary>
internal sealed partial class NodeCompleter
{
    private readonly IRunStateStore _store;
    private readonly RunJournal _journal;
    private readonly INodeDispatcher _dispatcher;
    private readonly RunFinalizer _finalizer;
    private readonly RunReviser _reviser;
    private readonly TimeProvider _time;
    private readonly ILogger<NodeCompleter> _logger;
    private readonly ICrashPoints _crashPoints;

    public NodeCompleter(
        IRunStateStore store, RunJournal journal, INodeDispatcher dispatcher, RunFinalizer finalizer, RunReviser reviser, TimeProvider time, ILogger<NodeCompleter> logger,
        ICrashPoints crashPoints)
    {
        _crashPoints = crashPoints;
        _reviser = reviser;
        _store = store;
        _journal = journal;
        _dispatcher = dispatcher;
        _finalizer = finalizer;
        _time = time;
        _logger = logger;
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

    public ValueTask<bool> CompleteAsync(RunContext context, WorkflowNode node, NodeOutcome outcome, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        CompleteAsync(context, node, outcome, startedAt, null, cancellationToken);

    /// <summary>
    /// Completes the node; <paramref name="decision"/> (a rejection) is journaled first in the same transaction. False when the
    /// node had already ended (or, for a rejection, was no longer waiting): nothing was changed or published.
    /// </summary>
    public async ValueTask<bool> CompleteAsync(
        RunContext context, WorkflowNode node, NodeOutcome outcome, DateTimeOffset startedAt, RunEvent? decision, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow(); // when the node's work ended, before the journal write (dispatch latency counts from here)
        RunEvent own = outcome.Status == NodeStatus.Skipped
            ? new NodeSkipped(context.RunId, now, node.Id, outcome.Error ?? "skipped")
            : new NodeFinished(context.RunId, now, node.Id, outcome.Status, outcome.Attempts, (now - startedAt).TotalMilliseconds, outcome.Error, outcome.FallbackUsed, outcome.CacheHit);
        RunEvent[] events = [];
        // One transaction: the attempt's end, the node's status, its dependants, and the events saying so.
        var completion = await _store.CompleteNodeAsync(context.RunId, node.Id, outcome, applied =>
        {
            var all = new List<RunEvent>(applied.Skipped.Count + 2);
            if (decision is not null)
            {
                all.Add(decision);
            }
            all.Add(own);
            all.AddRange(applied.Skipped.Select(skipped => new NodeSkipped(context.RunId, now, skipped, outcome.SkipReason ?? "skipped")));
            events = [.. all];
            return events.Select(_journal.Entry).ToArray();
        }, cancellationToken);
        if (!completion.Applied)
        {
            // A retried commit whose first reply was lost lands here too: the run may still have to be closed.
            if (!completion.AnyUnfinished && completion.ReplanNode is null)
            {
                await CloseAsync(context, null, cancellationToken);
            }
            return false;
        }
        var first = decision is null ? 0 : 1;
        for (var i = 0; i <= first; i++)
        {
            _journal.Published(events[i], completion.EventSeqs[i]);
        }
        _crashPoints.Reached(CrashPoint.AfterResultCommitBeforeDispatch, context.RunId, node.Id);
        _dispatcher.Dispatch(context.RunId, completion.Ready);
        for (var i = first + 1; i < events.Length; i++)
        {
            _journal.Published(events[i], completion.EventSeqs[i]);
        }
        if (completion.ReplanNode is { } failed && completion.InFlight == 0)
        {
            await CloseAsync(context, failed, cancellationToken);
        }
        else if (!completion.AnyUnfinished)
        {
            await CloseAsync(context, null, cancellationToken);
        }
        return true;
    }

    /// <summary>
    /// Re-plans (<paramref name="replanNode"/> set) or closes the run. The node's completion is committed whatever happens
    /// here: a failure is logged and the run sweep (<see cref="RunCloser"/>) finishes the job after its grace period.
    /// </summary>
    private async ValueTask CloseAsync(RunContext context, string? replanNode, CancellationToken cancellationToken)
    {
        try
        {
            if (replanNode is not null)
            {
                await _reviser.ReviseAsync(context, replanNode, cancellationToken);
            }
            else
            {
                await _finalizer.FinishAsync(context, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCloseFailed(exception, context.RunId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing or re-planning run {RunId} failed; the run sweep tries again after its grace period")]
    private partial void LogCloseFailed(Exception exception, string runId);
}
