using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning;

/// <summary>
/// Estimates a workflow from its graph and the journal's latency history. Complexity score (docs/planner.md):
/// <c>N + 0.5·(W − 1) + 0.5·(D − 1) + 2·M + 0.5·R</c> with N nodes, W max parallelism, D depth, M model-calling
/// nodes and R nodes with control features (when, retry, fallback, continueOnError).
/// </summary>
internal sealed class PlanEstimator : IPlanEstimator
{
    private readonly IToolLatencyHistory _history;
    private readonly IWorkflowPricing _pricing;
    private readonly PlanningOptions _options;
    private readonly LlmOptions _llm;

    public PlanEstimator(IToolLatencyHistory history, IWorkflowPricing pricing, IOptions<PlanningOptions> options, IOptions<LlmOptions> llm)
    {
        _history = history;
        _pricing = pricing;
        _options = options.Value;
        _llm = llm.Value;
    }

    public async ValueTask<PlanMetadata> EstimateAsync(WorkflowDefinition workflow, string tier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var graph = WorkflowGraph.Build(workflow);
        var tools = workflow.Nodes.Select(n => n.Tool).Distinct(StringComparer.Ordinal).ToArray();
        var measured = await _history.GetMedianLatenciesAsync(tools, cancellationToken);
        var latency = tools.ToDictionary(t => t, t => measured.TryGetValue(t, out var ms) ? ms : _options.DefaultToolLatencyMs, StringComparer.Ordinal);
        var (length, path) = graph.CriticalPath(id => TimeSpan.FromMilliseconds(latency[workflow.FindNode(id)!.Tool]));
        var (width, depth) = Levels(graph);
        var modelTools = new HashSet<string>(_options.ModelTools, StringComparer.Ordinal);
        var modelNodes = workflow.Nodes.Count(n => modelTools.Contains(n.Tool));
        var controlled = workflow.Nodes.Count(n => n.When is not null || n.Fallback is not null || n.ContinueOnError || n.Retry is { MaxAttempts: > 1 });
        var complexity = workflow.Nodes.Count + 0.5 * Math.Max(0, width - 1) + 0.5 * Math.Max(0, depth - 1) + 2 * modelNodes + 0.5 * controlled;
        // The price the ledger will bill, with each model node assumed to use a typical call until the model answers.
        var price = _pricing.Estimate(workflow, tier,
            _llm.IsConfigured ? new ModelCallGuess(_llm.Model, _options.ModelCallInputTokens, _options.ModelCallOutputTokens) : null);
        var servers = workflow.Nodes
            .SelectMany(n => n.Fallback is null ? [n.Tool] : new[] { n.Tool, n.Fallback.Tool })
            .Select(t => ToolReference.TryParse(t, out var reference) ? reference.Server : t)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(s => $"server:{s}")
            .ToList();
        if (modelNodes > 0)
        {
            servers.Add($"model:{(_llm.IsConfigured ? _llm.Model : "unconfigured")}");
        }
        return new PlanMetadata
        {
            EstimatedDurationMs = length.TotalMilliseconds,
            CriticalPath = path,
            MaxParallelism = width,
            Depth = depth,
            ToolCalls = workflow.Nodes.Count,
            EstimatedCostUsd = price.TotalUsd,
            Price = price,
            ComplexityScore = Math.Round(complexity, 1),
            ResourceRequirements = servers,
            ToolLatencyMs = latency,
            ToolsWithoutHistory = tools.Where(t => !measured.ContainsKey(t)).ToArray(),
        };
    }

    /// <summary>Longest-path level of every node; the widest level and the number of levels.</summary>
    internal static (int Width, int Depth) Levels(WorkflowGraph graph)
    {
        var order = graph.TopologicalOrder() ?? throw new InvalidOperationException("The workflow has a cycle.");
        var level = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in order)
        {
            level[id] = graph.DependenciesOf(id).Select(d => level[d] + 1).DefaultIfEmpty(0).Max();
        }
        if (level.Count == 0)
        {
            return (0, 0);
        }
        var width = level.Values.GroupBy(l => l).Max(g => g.Count());
        return (width, level.Values.Max() + 1);
    }
}
