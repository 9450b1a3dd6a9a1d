using System.Text.Json;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Bench.Dags;

/// <summary>
/// The seed's three scenarios as benchmark DAGs: each template's graph (explicit and binding-implied dependencies) kept,
/// every tool swapped for <c>sim/work</c> waiting a realistic latency for that tool.
/// </summary>
internal static class SeedTemplates
{
    public static readonly string[] Ids = ["sales-intelligence", "customer-support-refund", "content-marketing"];

    /// <summary>Typical latencies of the real tools (SaaS APIs 250–450 ms, model calls 0.8–2.5 s, local work 20–150 ms).</summary>
    public static readonly IReadOnlyDictionary<string, int> LatencyMs = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["builtin/db_query"] = 120,
        ["builtin/db_execute"] = 80,
        ["builtin/data_query"] = 150,
        ["builtin/clickup_list_tasks"] = 350,
        ["builtin/clickup_create_task"] = 400,
        ["builtin/ai_chat"] = 2500,
        ["builtin/sentiment"] = 800,
        ["builtin/chart_render"] = 300,
        ["builtin/report_pdf"] = 600,
        ["builtin/email_send"] = 400,
        ["builtin/telegram_send"] = 250,
        ["builtin/template_render"] = 20,
        ["builtin/schedule_followup"] = 50,
        ["builtin/http_request"] = 450,
        ["builtin/http_get"] = 450,
        ["builtin/seo_check"] = 100,
        ["builtin/files_write"] = 30,
        ["builtin/files_read"] = 30,
        ["builtin/memory_put"] = 20,
    };

    /// <summary>The template as a DAG; <paramref name="scale"/> shortens every latency (quick mode).</summary>
    public static Dag Load(ITemplateCatalog catalog, string id, double scale)
    {
        var template = catalog.Find(id) ?? throw new InvalidOperationException($"template {id} is missing from the engine's catalog");
        var graph = WorkflowGraph.Build(template.Workflow);
        var latency = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = new List<WorkflowNode>();
        foreach (var node in template.Workflow.Nodes)
        {
            if (!LatencyMs.TryGetValue(node.Tool, out var ms))
            {
                throw new InvalidOperationException($"template {id}: no benchmark latency for tool {node.Tool}; add it to SeedTemplates.LatencyMs");
            }
            latency[node.Id] = (int)Math.Round(ms * scale);
            nodes.Add(new WorkflowNode
            {
                Id = node.Id,
                Tool = DagTool.Simulated.Tool,
                Args = JsonSerializer.SerializeToElement(new Dictionary<string, int> { [DagTool.Simulated.LatencyArgument] = latency[node.Id] }),
                DependsOn = graph.DependenciesOf(node.Id),
            });
        }
        return new Dag(id, new WorkflowDefinition { Name = id, Nodes = nodes }, latency);
    }
}
