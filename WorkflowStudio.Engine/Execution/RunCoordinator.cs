using System.Text.Json;
using WorkflowStudio.Engine.Execution.CrashPoints;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Execution.Dispatch;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Engine.Execution;

internal sealed partial class RunCoordinator : IRunCoordinator
{
    private readonly IRunStateStore _store;
    private readonly RunContextCache _contexts;
    private readonly RunJournal _journal;
    private readonly INodeDispatcher _dispatcher;
    private readonly RunResultBuilder _results;
    private readonly RunFinalizer _finalizer;
    private readonly NodeCompleter _completer;
    private readonly IRunEventStream _events;
    private readonly EngineTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ICrashPoints _crashPoints;
    private readonly IToolCatalog _catalog;

    public RunCoordinator(
        IRunStateStore store, RunContextCache contexts, RunJournal journal, INodeDispatcher dispatcher, RunResultBuilder results,
        RunFinalizer finalizer, NodeCompleter completer, IRunEventStream events, EngineTelemetry telemetry, TimeProvider time,
        ICrashPoints crashPoints, IToolCatalog catalog)
    {
        _catalog = catalog;
        _crashPoints = crashPoints;
        _store = store;
        _contexts = contexts;
        _journal = journal;
        _dispatcher = dispatcher;
        _results = results;
        _finalizer = finalizer;
        _completer = completer;
        _events = events;
        _telemetry = telemetry;
        _time = time;
    }

    public async ValueTask<string> StartAsync(
        WorkflowDefinition workflow, IReadOnlyDictionary<string, JsonElement> inputs, TenantId tenant, string? workflowId = null,
        string? actor = null, CancellationToken cancellationToken = default)
    {
        if (tenant.IsNone)
        {
            throw new ArgumentException("A run needs the tenant it belongs to; start it through TenantRuns (RunFrontDoor.For(tenant)).", nameof(tenant));
        }
        var runId = Guid.CreateVersion7().ToString("N");
        var now = _time.GetUtcNow();
        var at = now.ToUnixTimeMilliseconds();
        var context = new RunContext(runId, workflowId ?? workflow.Name, workflow, inputs, now) { TenantId = tenant.Value };
        var graph = context.Graph;
        var nodes = workflow.Nodes.Select((node, index) =>
        {
            var deps = graph.DependenciesOf(node.Id).Count;
            return new NodeRunRecord
            {
                RunId = runId,
                NodeId = node.Id,
                Ordinal = index,
                Tool = node.Tool,
                Status = deps == 0 ? NodeStatus.Queued : NodeStatus.Pending,
                RemainingDeps = deps,
                QueuedAt = deps == 0 ? at : null,
            };
        }).ToArray();
        var run = new RunRecord
        {
            Id = runId,
            WorkflowId = context.WorkflowId,
            WorkflowName = workflow.Name,
            Definition = WorkflowJson.Serialize(workflow),
            Inputs = JsonSerializer.Serialize(inputs.ToDictionary(p => p.Key, p => p.Value), EngineJson.Default.DictionaryStringJsonElement),
            Status = RunStatus.Running,
            CreatedAt = at,
            StartedAt = at,
            TenantId = tenant.Value,
            Origin = RunOrigin.Of(actor),
            StartedBy = actor,
        };
        var started = new RunStarted(runId, now, workflow.Name, nodes.Length);
        var seq = await _store.CreateRunAsync(run, nodes, _journal.Entry(started), cancellationToken);
        _contexts.Add(context);
        _telemetry.RunStarted();
        _journal.Published(started, seq);
        _dispatcher.Dispatch(runId, nodes.Where(n => n.Status == NodeStatus.Queued).Select(n => n.NodeId));
        return runId;
    }

    public async ValueTask<RunResult> WaitAsync(string runId, RunWaitUntil until = RunWaitUntil.Finished, IProgress<RunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        using var subscription = _events.Subscribe(runId); // subscribed first, then read: an event between the two is not lost
        var current = await _results.BuildAsync(runId, cancellationToken) ?? throw new KeyNotFoundException($"No run with id '{runId}'.");
        var total = current.Results.Count;
        var done = current.Results.Count(r => NodeStatus.IsTerminal(r.Status));
        while (!Reached(current.Status, until))
        {
            // Nothing for a while: ask the store anyway, in case this process missed another process's event.
            var recheck = !await subscription.WaitToReadAsync(RunWaiting.Recheck, _time, cancellationToken);
            while (subscription.Events.TryRead(out var runEvent))
            {
                switch (runEvent)
                {
                    case NodeFinished or NodeSkipped:
                        done++;
                        progress?.Report(new RunProgress(done, Math.Max(total, done), runEvent.NodeId!, $"{runEvent.NodeId}: {runEvent.EventKind}"));
                        break;
                    case NodeStarted:
                        progress?.Report(new RunProgress(done, total, runEvent.NodeId!, $"{runEvent.NodeId}: started"));
                        break;
                    case NodeAwaitingApproval:
                        progress?.Report(new RunProgress(done, total, runEvent.NodeId!, $"{runEvent.NodeId}: awaiting approval"));
                        recheck = true;
                        break;
                    case NodeAwaitingInput:
                        progress?.Report(new RunProgress(done, total, runEvent.NodeId!, $"{runEvent.NodeId}: awaiting input"));
                        recheck = true;
                        break;
                    case RunFinished or RunRevised:
                        recheck = true;
                        break;
                }
            }
            if (recheck)
            {
                current = await _results.BuildAsync(runId, cancellationToken) ?? throw new KeyNotFoundException($"No run with id '{runId}'.");
                total = current.Results.Count;
            }
        }
        return current;
    }

    private static bool Reached(string status, RunWaitUntil until) =>
        RunStatus.IsTerminal(status) || (until == RunWaitUntil.FinishedOrAwaitingApproval && RunStatus.IsAwaitingPerson(status));

    public ValueTask<RunResult?> GetResultAsync(string runId, CancellationToken cancellationToken = default) =>
        _results.BuildAsync(runId, cancellationToken);

    public async ValueTask<bool> CancelAsync(string runId, string reason = "the run was cancelled", CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var request = await _store.RequestCancelAsync(runId, reason, now.ToUnixTimeMilliseconds(), cancellationToken);
        if (!request.Accepted)
        {
            return false;
        }
        // Journaled, so every process running one of its nodes cancels the call (the watcher does it here too).
        await _journal.PublishAsync(new RunCancelRequested(runId, now, reason), cancellationToken);
        foreach (var nodeId in request.Skipped)
        {
            await _journal.PublishAsync(new NodeSkipped(runId, now, nodeId, reason), cancellationToken);
        }
        if (_contexts.TryGetLoaded(runId, out var local))
        {
            await local!.Cancellation.CancelAsync();
        }
        if (request.Running == 0 && await _contexts.GetAsync(runId, cancellationToken) is { } context)
        {
            await _finalizer.FinishAsync(context, cancellationToken);
        }
        return true;
    }
}
