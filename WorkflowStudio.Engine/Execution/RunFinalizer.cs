using System.Text.Json;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine.Execution.CrashPoints;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Workflows.Bindings;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Engine.Execution;

/// <summary>Closes a run once every node is terminal: status, output, summary, journal, event.</summary>
internal sealed partial class RunFinalizer
{
    private readonly IRunStateStore _store;
    private readonly RunResultBuilder _results;
    private readonly RunJournal _journal;
    private readonly RunContextCache _contexts;
    private readonly EngineTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger<RunFinalizer> _logger;
    private readonly ICrashPoints _crashPoints;

    public RunFinalizer(
        IRunStateStore store, RunResultBuilder results, RunJournal journal, RunContextCache contexts, EngineTelemetry telemetry, TimeProvider time, ILogger<RunFinalizer> logger,
        ICrashPoints crashPoints)
    {
        _crashPoints = crashPoints;
        _telemetry = telemetry;
        _store = store;
        _results = results;
        _journal = journal;
        _contexts = contexts;
        _time = time;
        _logger = logger;
    }

    public async ValueTask FinishAsync(RunContext context, CancellationToken cancellationToken = default)
    {
        var run = await _store.GetRunAsync(context.RunId, cancellationToken)
            ?? throw new InvalidOperationException($"Run {context.RunId} vanished from the journal.");
        if (RunStatus.IsTerminal(run.Status))
        {
            return;
        }
        _crashPoints.Reached(CrashPoint.DuringClosing, context.RunId, null);
        var nodes = await _store.GetNodeRunsAsync(context.RunId, context.Graph.Definition.Nodes.Select(n => n.Id).ToArray(), cancellationToken);
        var status = run.CancelRequested ? RunStatus.Cancelled : StatusOf(context, nodes);
        string? output = null;
        string? error = null;
        if (context.Definition.Output is { } expression && status != RunStatus.Cancelled)
        {
            try
            {
                output = BindingEvaluator.Resolve(expression, new NodeScope(context.Inputs, nodes)).GetRawText();
            }
            catch (BindingException exception)
            {
                error = $"output: {exception.Message}";
                status = status == RunStatus.Success ? RunStatus.PartialSuccess : status;
            }
        }
        error ??= nodes.Where(n => n.Status == NodeStatus.Error && !(context.Definition.FindNode(n.NodeId)?.ContinueOnError ?? false))
            .Select(n => $"node '{n.NodeId}' failed: {n.Error}").FirstOrDefault();
        var at = _time.GetUtcNow();
        // Summary and next actions are composed once, from the run as it is about to be journaled, and stored with it.
        var final = await _results.ComposeAsync(
            run with { Status = status, FinishedAt = at.ToUnixTimeMilliseconds(), Output = output, Error = error }, synthesize: true, cancellationToken);
        var summary = JsonSerializer.Serialize(new Synthesis(final.ExecutionSummary, final.NextActions), EngineJson.Default.Synthesis);
        var finished = new RunFinished(context.RunId, at, status, (at - context.StartedAt).TotalMilliseconds);
        if (await _store.TryFinishRunAsync(
            context.RunId, status, at.ToUnixTimeMilliseconds(), output, error, summary, _journal.Entry(finished), cancellationToken) is not { } seq)
        {
            LogAlreadyFinished(context.RunId);
            return;
        }
        _journal.Published(finished, seq);
        _telemetry.RunFinished(context.RunId, context.WorkflowId, status, context.StartedAt, at);
        _contexts.Remove(context.RunId);
    }

    /// <summary>
    /// The last resort of the run sweep when <see cref="FinishAsync"/> keeps failing: closes the run as failed with
    /// <paramref name="error"/>, without anything that could fail again (no output binding, no synthesis).
    /// </summary>
    public async ValueTask FailAsync(string runId, DateTimeOffset startedAt, string error, CancellationToken cancellationToken = default)
    {
        var at = _time.GetUtcNow();
        var finished = new RunFinished(runId, at, RunStatus.Failed, (at - startedAt).TotalMilliseconds);
        if (await _store.TryFinishRunAsync(runId, RunStatus.Failed, at.ToUnixTimeMilliseconds(), null, error, null, _journal.Entry(finished), cancellationToken) is not { } seq)
        {
            LogAlreadyFinished(runId);
            return;
        }
        _journal.Published(finished, seq);
        _contexts.Remove(runId);
    }

    private static string StatusOf(RunContext context, IReadOnlyList<NodeRunRecord> nodes)
    {
        var failed = nodes.Where(n => n.Status == NodeStatus.Error).ToArray();
        if (failed.Length == 0)
        {
            // A re-plan that dropped work still completed the run, but not all of what was asked.
            return nodes.Any(n => n.Status == NodeStatus.Skipped && n.Error?.StartsWith(RunReviser.DroppedPrefix, StringComparison.Ordinal) == true)
                ? RunStatus.PartialSuccess
                : RunStatus.Success;
        }
        return failed.All(n => context.Definition.FindNode(n.NodeId)?.ContinueOnError == true) ? RunStatus.PartialSuccess : RunStatus.Failed;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunId} was already finished")]
    private partial void LogAlreadyFinished(string runId);
}
