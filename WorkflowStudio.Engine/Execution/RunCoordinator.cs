using System.Text.Json;
using WorkflowStudio.Engine.Execution.CrashPoints;
using WorkflowStudio.Engine.Persistence;
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

    public RunCoordinator(
        IRunStateStore store, RunContextCache contexts, RunJournal journal, INodeDispatcher dispatcher, RunResultBuilder results,
        RunFinalizer finalizer, NodeCompleter completer, IRunEventStream events, EngineTelemetry telemetry, TimeProvider time,
        ICrashPoints crashPoints)
    {
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
        WorkflowDefinition workflow, IReadOnlyDictionary<string, JsonElement> inputs, string? workflowId = null, string? tenantId = null,
        CancellationToken cancellationToken = default)
    {
        var runId = Guid.CreateVersion7().ToString("N");
        var now = _time.GetUtcNow();
        var at = now.ToUnixTimeMilliseconds();
        var tenant = tenantId ?? Tenancy.Tenant.DefaultId;
        var context = new RunContext(runId, workflowId ?? workflow.Name, workflow, inputs, now) { TenantId = tenant };
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
            TenantId = tenant,
        };
        var started = new RunStarted(runId, now, workflow.Name, nodes.Length);
        var seq = await _store.CreateRunAsync(run, nodes, _journal.Entry(started), cancellationToken);
        _contexts.Add(context);
        _telemetry.RunStarted();
        _journal.Published(started, seq);
        _dispatcher.Dispatch(runId, nodes.Where(n => n.Status == NodeStatus.Queued).Select(n => n.NodeId));
        return runId;
    }

    /// <summary>
    /// How often a waiter also asks the store: the run's <see cref="RunFinished"/> normally arrives as an event, but a
    /// process that learns of other processes' events from the journal can pass over one whose transaction committed
    /// later than the tailer's gap patience (a heavily loaded database), and a waiter must not wait for it forever.
    /// </summary>
    internal static readonly TimeSpan WaitRecheck = TimeSpan.FromSeconds(2);

    public async ValueTask<RunResult> WaitAsync(string runId, CancellationToken cancellationToken = default)
    {
        using var subscription = _events.Subscribe(runId);
        var run = await _store.GetRunAsync(runId, cancellationToken) ?? throw new KeyNotFoundException($"No run with id '{runId}'.");
        while (!RunStatus.IsTerminal(run.Status) && !await FinishedWithinAsync(subscription, WaitRecheck, cancellationToken))
        {
            run = await _store.GetRunAsync(runId, cancellationToken) ?? throw new KeyNotFoundException($"No run with id '{runId}'.");
        }
        return (await _results.BuildAsync(runId, cancellationToken))!;
    }

    /// <summary>True when <see cref="RunFinished"/> arrives within <paramref name="patience"/>.</summary>
    private async ValueTask<bool> FinishedWithinAsync(RunEventSubscription subscription, TimeSpan patience, CancellationToken cancellationToken)
    {
        while (await subscription.WaitToReadAsync(patience, _time, cancellationToken))
        {
            while (subscription.Events.TryRead(out var runEvent))
            {
                if (runEvent is RunFinished)
                {
                    return true;
                }
            }
        }
        return false;
    }

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
