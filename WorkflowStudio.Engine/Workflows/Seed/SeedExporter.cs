using System.Text;
using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows.Seed;

/// <summary>
/// The inverse of <see cref="SeedImporter"/>: each node becomes one action (its id as <c>action</c>, its tool as the
/// only entry of <c>tools</c>, its args as <c>params</c>) with <c>step</c> = 1 + the length of the longest dependency
/// chain before it, so importing the file gives the same nodes in the same order of stages. Everything the seed format
/// has no place for is named in <see cref="SeedExport.Dropped"/>.
/// </summary>
internal static class SeedExporter
{
    public static SeedExport Export(WorkflowDefinition workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var graph = WorkflowGraph.Build(workflow);
        var order = graph.TopologicalOrder();
        if (order is null)
        {
            var cycle = graph.FindCycle() ?? [];
            return new SeedExport(null, [], $"the graph has a cycle ({string.Join(" → ", cycle)}); the seed format runs steps in order, so remove the cycle first");
        }
        var steps = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in order)
        {
            steps[id] = 1 + graph.DependenciesOf(id).Select(d => steps[d]).DefaultIfEmpty(0).Max();
        }
        var request = workflow.Description ?? workflow.Name;
        return new SeedExport(Write(workflow, steps, request), Dropped(workflow, graph, steps, request));
    }

    private static string Write(WorkflowDefinition workflow, Dictionary<string, int> steps, string request)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("request", request);
            writer.WriteStartObject("orchestration");
            writer.WriteStartArray("actions");
            foreach (var node in workflow.Nodes.OrderBy(n => steps[n.Id]))
            {
                writer.WriteStartObject();
                writer.WriteNumber("step", steps[node.Id]);
                writer.WriteString("action", node.Id);
                writer.WriteStartArray("tools");
                writer.WriteStringValue(node.Tool);
                writer.WriteEndArray();
                if (node.Args is { ValueKind: JsonValueKind.Object } args)
                {
                    writer.WritePropertyName("params");
                    args.WriteTo(writer);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static List<string> Dropped(WorkflowDefinition workflow, WorkflowGraph graph, Dictionary<string, int> steps, string request)
    {
        var dropped = new List<string>();
        if (SeedImporter.Slug(request) != workflow.Name)
        {
            dropped.Add($"name: the seed format has none; on import the workflow is named after the request ('{SeedImporter.Slug(request)}')");
        }
        if (workflow.Inputs.Count > 0)
        {
            dropped.Add($"inputs ({string.Join(", ", workflow.Inputs.Keys)}): no input declarations or defaults; '{{{{ inputs.* }}}}' bindings stay in params but no longer validate on import");
        }
        if (workflow.Output is not null)
        {
            dropped.Add("output: the run's output expression");
        }
        if (workflow.OnFailure is not null || workflow.MaxReplans is not null)
        {
            dropped.Add("onFailure / maxReplans: re-planning on failure");
        }
        Feature(dropped, workflow, "retry", n => n.Retry is not null);
        Feature(dropped, workflow, "timeoutSeconds", n => n.TimeoutSeconds is not null);
        Feature(dropped, workflow, "fallback", n => n.Fallback is not null);
        Feature(dropped, workflow, "when", n => n.When is not null);
        Feature(dropped, workflow, "continueOnError", n => n.ContinueOnError);
        Feature(dropped, workflow, "approval", n => n.Approval is not null);
        Feature(dropped, workflow, "cache", n => n.Cache is not null);
        Feature(dropped, workflow, "description", n => n.Description is not null);
        var added = workflow.Nodes.Sum(n => workflow.Nodes.Count(o => steps[o.Id] == steps[n.Id] - 1 && !graph.DependenciesOf(n.Id).Contains(o.Id)));
        if (added > 0)
        {
            dropped.Add($"exact dependencies: the seed format has stages, so on import every step waits for the whole previous stage ({added} dependencies more than now)");
        }
        return dropped;
    }

    private static void Feature(List<string> dropped, WorkflowDefinition workflow, string name, Func<WorkflowNode, bool> has)
    {
        var nodes = workflow.Nodes.Where(has).Select(n => n.Id).ToArray();
        if (nodes.Length > 0)
        {
            dropped.Add($"{name} on {string.Join(", ", nodes.Take(5))}{(nodes.Length > 5 ? $" and {nodes.Length - 5} more" : "")}");
        }
    }
}
