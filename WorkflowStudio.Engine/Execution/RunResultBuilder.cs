using System.Text.Json;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Engine.Execution;

/// <summary>Turns the journal of a run into the seed-shaped <see cref="RunResult"/>.</summary>
internal sealed class RunResultBuilder
{
    private readonly IRunReader _store;
    private readonly ISynthesizer _synthesizer;
    private readonly DeterministicSynthesizer _progress = new();
    private readonly IUsageRecorder _usage;
    private readonly IWorkflowPricing _pricing;
    private readonly ITenantDirectory _tenants;
    private readonly TimeProvider _time;

    public RunResultBuilder(IRunReader store, ISynthesizer synthesizer, IUsageRecorder usage, IWorkflowPricing pricing, ITenantDirectory tenants,
        TimeProvider time)
    {
        _pricing = pricing;
        _tenants = tenants;
        _store = store;
        _synthesizer = synthesizer;
        _usage = usage;
        _time = time;
    }

    /// <summary>
    /// The result so far (or final); null for an unknown run id. A read never calls the model: a finished run carries the
    /// summary written once when it closed; an unfinished one shows the deterministic progress.
    /// </summary>
    public async ValueTask<RunResult?> BuildAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await _store.GetRunAsync(runId, cancellationToken);
        return run is null ? null : await ComposeAsync(run, synthesize: false, cancellationToken);
    }

    /// <summary>
    /// Composes the result of <paramref name="run"/> as given (the finalizer passes the run as it is about to be journaled,
    /// with <paramref name="synthesize"/>: the one place the configured synthesizer, possibly a model, is used).
    /// </summary>
    public async ValueTask<RunResult> ComposeAsync(RunRecord run, bool synthesize, CancellationToken cancellationToken = default)
    {
        var runId = run.Id;
        var definition = JournaledWorkflow.Parse(run.Definition);
        var nodes = await _store.GetNodeRunsAsync(runId, cancellationToken);
        var attempts = await _store.GetAttemptsAsync(runId, cancellationToken);
        var results = nodes.Select(NodeResultOf).ToArray();
        var finishedAt = run.FinishedAt ?? _time.GetUtcNow().ToUnixTimeMilliseconds();
        var usage = await _usage.GetRunUsageAsync(runId, cancellationToken);
        // The price the ledger bills for this run (so far, while it runs): one pricing model for the API and every page.
        var tier = (await _tenants.GetTenantAsync(run.TenantId, cancellationToken))?.Tier;
        var price = _pricing.Price(definition, tier, nodes.Count(n => n.Attempts > 0), usage);
        var metrics = Metrics(definition, run, nodes, attempts, finishedAt) with
        {
            Tokens = usage.Tokens, CostUsd = price.TotalUsd, RunFeeUsd = price.RunFeeUsd, ToolCallsCostUsd = price.ToolCallsUsd, TokensCostUsd = price.ModelTokensUsd,
        };
        var synthesis = run.Summary is not null
            ? JsonSerializer.Deserialize(run.Summary, EngineJson.Default.Synthesis)!
            : await (synthesize ? _synthesizer : _progress).SynthesizeAsync(
                new SynthesisInput(definition, run.Status, results, metrics) { RunId = runId, TenantId = run.TenantId }, cancellationToken);
        var revisions = (await _store.GetRevisionsAsync(runId, cancellationToken)).Select(r => new RunRevision
        {
            Revision = r.Revision,
            FailedNode = r.FailedNode,
            Error = r.Error,
            Planner = r.Planner,
            Explanation = r.Explanation,
            Diff = JsonSerializer.Deserialize(r.Diff, EngineJson.Default.RevisionDiff)!,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt),
        }).ToArray();
        return new RunResult
        {
            Revisions = revisions,
            WorkflowId = run.WorkflowId,
            RunId = run.Id,
            Status = run.Status,
            ExecutionSummary = synthesis.ExecutionSummary,
            Results = results,
            NextActions = synthesis.NextActions,
            PerformanceMetrics = metrics,
            Output = NodeScope.ParseOrNull(run.Output),
            Error = run.Error,
            StartedAt = Time(run.StartedAt),
            FinishedAt = Time(run.FinishedAt),
        };
    }

    internal static NodeResult NodeResultOf(NodeRunRecord node) => new()
    {
        ActionId = node.NodeId,
        Tool = node.Tool,
        Status = node.ReportedStatus,
        Input = node.AwaitsInput && NodeInput.Parse(node.InputRequest) is { } input ? new NodeQuestion(input.Message, input.RequestedSchema, input.InFlight) : null,
        Result = NodeScope.ParseOrNull(node.Output),
        Error = node.Error,
        Attempts = node.Attempts,
        ExecutionTime = node.StartedAt is { } s && node.FinishedAt is { } f ? f - s : 0,
        StartedAt = Time(node.StartedAt),
        FinishedAt = Time(node.FinishedAt),
        ContextUsed = node.ContextUsed is null ? [] : JsonSerializer.Deserialize(node.ContextUsed, EngineJson.Default.IReadOnlyListString) ?? [],
        RecoveryAttempted = node.RecoveryAttempted,
        FallbackResult = NodeScope.ParseOrNull(node.FallbackResult),
        Cached = node.CacheHit,
    };

    private static PerformanceMetrics Metrics(
        WorkflowDefinition definition, RunRecord run, IReadOnlyList<NodeRunRecord> nodes, IReadOnlyList<NodeAttemptRecord> attempts, long finishedAt)
    {
        var durations = nodes.ToDictionary(n => n.NodeId, n => n.StartedAt is { } s && n.FinishedAt is { } f ? f - s : 0, StringComparer.Ordinal);
        var (length, path) = WorkflowGraph.Build(definition).CriticalPath(id => TimeSpan.FromMilliseconds(durations.GetValueOrDefault(id)));
        var total = Math.Max(0, finishedAt - (run.StartedAt ?? run.CreatedAt));
        var toolTime = durations.Values.Sum();
        var tools = nodes.ToDictionary(n => n.NodeId, n => n.Tool, StringComparer.Ordinal);
        var retries = attempts.Where(a => tools.GetValueOrDefault(a.NodeId) == a.Tool)
            .GroupBy(a => a.NodeId).Sum(g => Math.Max(0, g.Count() - 1));
        return new PerformanceMetrics
        {
            TotalTimeMs = total,
            CriticalPathMs = length.TotalMilliseconds,
            CriticalPath = path,
            ToolTimeMs = toolTime,
            Parallelism = total > 0 ? Math.Round((double)toolTime / total, 2) : 0,
            ToolCalls = attempts.Count,
            Retries = retries,
        };
    }

    private static DateTimeOffset? Time(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
