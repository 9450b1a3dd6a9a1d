using System.Text.Json;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine.Execution.CrashPoints;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Execution.Dispatch;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// Re-plans a run (workflows with <c>"onFailure": "replan"</c>) after a node failed for good, once nothing else of the
/// run is in flight: asks the planner for a new version of the not-yet-run part given the outputs that succeeded,
/// journals the revision with its diff, and dispatches what is ready. When no valid revision comes back, the failed
/// node's dependants are skipped as they would have been without re-planning.
/// </summary>
internal sealed partial class RunReviser
{
    /// <summary>How the journal marks nodes a revision dropped (the run then reports partial_success).</summary>
    public const string DroppedPrefix = "dropped by re-plan revision";

    private const string Cancelled = "skipped because the run was cancelled";

    private readonly IRunStateStore _store;
    private readonly IWorkflowReplanner _replanner;
    private readonly RunContextCache _contexts;
    private readonly RunJournal _journal;
    private readonly INodeDispatcher _dispatcher;
    private readonly RunFinalizer _finalizer;
    private readonly TimeProvider _time;
    private readonly ILogger<RunReviser> _logger;
    private readonly ICrashPoints _crashPoints;

    public RunReviser(
        IRunStateStore store, IWorkflowReplanner replanner, RunContextCache contexts, RunJournal journal, INodeDispatcher dispatcher,
        RunFinalizer finalizer, TimeProvider time, ILogger<RunReviser> logger, ICrashPoints crashPoints)
    {
        _crashPoints = crashPoints;
        _store = store;
        _replanner = replanner;
        _contexts = contexts;
        _journal = journal;
        _dispatcher = dispatcher;
        _finalizer = finalizer;
        _time = time;
        _logger = logger;
    }

    public async ValueTask ReviseAsync(RunContext context, string failedNode, CancellationToken cancellationToken)
    {
        if (context.Cancellation.IsCancellationRequested || (await _store.GetRunAsync(context.RunId, cancellationToken))?.CancelRequested != false)
        {
            // A cancelled run is never re-planned (the store refuses the revision too): it only closes.
            await AbandonAsync(context, failedNode, Cancelled, cancellationToken);
            return;
        }
        var rows = await _store.GetNodeRunsAsync(context.RunId, context.Definition.Nodes.Select(n => n.Id).ToArray(), cancellationToken);
        var status = rows.ToDictionary(r => r.NodeId, r => r.Status, StringComparer.Ordinal);
        var succeeded = rows.Where(r => r.Status == NodeStatus.Success && r.Output is not null)
            .ToDictionary(r => r.NodeId, r => NodeScope.ParseOrNull(r.Output)!.Value, StringComparer.Ordinal);
        // Nodes that ended otherwise (errors that did not block, skips, successes without output) keep their result: their
        // side effect, if any, happened; a revision never runs them again.
        var ended = rows.Where(r => r.NodeId != failedNode && NodeStatus.IsTerminal(r.Status) && !succeeded.ContainsKey(r.NodeId))
            .Select(r => r.NodeId).ToHashSet(StringComparer.Ordinal);
        var error = rows.First(r => r.NodeId == failedNode).Error ?? "failed";
        var revision = context.Revision + 1;
        ReplanResult result;
        try
        {
            result = await _replanner.ReplanAsync(new ReplanRequest
            {
                Workflow = context.Definition,
                Inputs = context.Inputs,
                SucceededOutputs = succeeded,
                EndedNodes = ended,
                FailedNode = failedNode,
                Error = error,
                RunId = context.RunId,
                TenantId = context.TenantId,
                Revision = revision,
                Request = context.Definition.Description,
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The re-planner itself failed (not just found no plan): the run goes on as without re-planning, and closes.
            LogReplannerThrew(exception, context.RunId, failedNode);
            result = new ReplanResult { Planner = "none", Errors = [$"the re-planner failed: {exception.Message}"], Revision = revision };
        }
        _crashPoints.Reached(CrashPoint.DuringReplan, context.RunId, failedNode);
        var revised = result.Workflow;
        var problem = revised is null
            ? string.Join("; ", result.Errors)
            : Unrunnable(WorkflowGraph.Build(revised), result.PendingNodes.Where(id => !ended.Contains(id)).ToArray(), status);
        if (problem is not null)
        {
            LogReplanFailed(context.RunId, failedNode, problem);
            await AbandonAsync(context, failedNode, $"skipped because '{failedNode}' failed and re-planning did not produce a runnable plan: {problem}", cancellationToken);
            return;
        }

        var now = _time.GetUtcNow();
        var graph = WorkflowGraph.Build(revised!);
        var pending = result.PendingNodes.Where(id => !ended.Contains(id)).ToHashSet(StringComparer.Ordinal);
        var toRun = revised!.Nodes.Select((node, ordinal) => (node, ordinal)).Where(x => pending.Contains(x.node.Id)).Select(x =>
        {
            var remaining = graph.DependenciesOf(x.node.Id).Count(d => status.GetValueOrDefault(d) != NodeStatus.Success);
            return new NodeRunRecord
            {
                RunId = context.RunId,
                NodeId = x.node.Id,
                Ordinal = x.ordinal,
                Tool = x.node.Tool,
                Status = remaining == 0 ? NodeStatus.Queued : NodeStatus.Pending,
                RemainingDeps = remaining,
                QueuedAt = remaining == 0 ? now.ToUnixTimeMilliseconds() : null,
            };
        }).ToArray();
        // Dropped: the held nodes (and the failed one) that the revision does not run; nodes that ended keep their result.
        var toSkip = rows.Where(r => (r.Status == NodeStatus.Pending || r.NodeId == failedNode) && !pending.Contains(r.NodeId)).Select(r => r.NodeId).ToArray();
        var diff = result.Diff ?? WorkflowDiff.Compute(context.Definition, revised);
        var record = new RevisionRecord
        {
            RunId = context.RunId,
            Revision = revision,
            FailedNode = failedNode,
            Error = error,
            Planner = result.Planner,
            Explanation = result.Explanation,
            Diff = JsonSerializer.Serialize(new RevisionDiff(diff.Added, diff.Removed, diff.Changed.Select(c => c.Id).ToArray()), EngineJson.Default.RevisionDiff),
            Definition = WorkflowJson.Serialize(revised),
            CreatedAt = now.ToUnixTimeMilliseconds(),
        };
        var queued = await _store.ApplyRevisionAsync(record, toRun, toSkip, $"{DroppedPrefix} {revision} after '{failedNode}' failed", cancellationToken);
        if (queued is null)
        {
            if ((await _store.GetRunAsync(context.RunId, cancellationToken))?.CancelRequested == true)
            {
                await AbandonAsync(context, failedNode, Cancelled, cancellationToken); // cancelled while the re-planner worked
            }
            return; // otherwise another process revised or finished the run first
        }
        var next = new RunContext(context.RunId, context.WorkflowId, revised, context.Inputs, context.StartedAt) { Revision = revision, TenantId = context.TenantId };
        _contexts.Add(next);
        await _journal.PublishAsync(new RunRevised(context.RunId, now, revision, failedNode, result.Planner, diff.Added, diff.Removed,
            diff.Changed.Select(c => c.Id).ToArray(), result.Explanation), cancellationToken);
        foreach (var skipped in toSkip)
        {
            await _journal.PublishAsync(new NodeSkipped(context.RunId, now, skipped, $"{DroppedPrefix} {revision}"), cancellationToken);
        }
        _dispatcher.Dispatch(context.RunId, queued);
        if (toRun.Length == 0)
        {
            await _finalizer.FinishAsync(next, cancellationToken);
        }
    }

    /// <summary>Every node to run must depend only on nodes that succeeded or will run; otherwise it would wait forever.</summary>
    private static string? Unrunnable(WorkflowGraph graph, IReadOnlyList<string> pending, IReadOnlyDictionary<string, string> status)
    {
        var running = pending.ToHashSet(StringComparer.Ordinal);
        foreach (var id in pending)
        {
            foreach (var dep in graph.DependenciesOf(id))
            {
                if (!running.Contains(dep) && status.GetValueOrDefault(dep) != NodeStatus.Success)
                {
                    return $"node '{id}' would depend on '{dep}', which did not succeed and is not re-run";
                }
            }
        }
        return null;
    }

    private async ValueTask AbandonAsync(RunContext context, string failedNode, string reason, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        // Every node that failed for good while the re-plan was due held its dependants too (only the first one is the
        // re-plan's node): all of them are released, or the run would keep pending nodes that nothing can start.
        var rows = await _store.GetNodeRunsAsync(context.RunId, context.Definition.Nodes.Select(n => n.Id).ToArray(), cancellationToken);
        var held = rows.Where(r => r.Status == NodeStatus.Error && context.Definition.FindNode(r.NodeId)?.ContinueOnError != true)
            .Select(r => r.NodeId).Append(failedNode);
        var descendants = held.SelectMany(context.Descendants).Distinct(StringComparer.Ordinal).ToArray();
        var completion = await _store.AbandonReplanAsync(context.RunId, descendants, reason, now.ToUnixTimeMilliseconds(), cancellationToken);
        foreach (var skipped in completion.Skipped)
        {
            await _journal.PublishAsync(new NodeSkipped(context.RunId, now, skipped, reason), cancellationToken);
        }
        if (!completion.AnyUnfinished)
        {
            await _finalizer.FinishAsync(context, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The re-planner failed for run {RunId} after {NodeId} failed; the run goes on without a revision")]
    private partial void LogReplannerThrew(Exception exception, string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-planning run {RunId} after {NodeId} failed produced no runnable plan: {Problem}")]
    private partial void LogReplanFailed(string runId, string nodeId, string problem);
}
