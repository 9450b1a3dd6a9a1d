using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// The bindings a node may use: every workflow input and the output of every step that runs before it, followed by
/// that output's fields when the step's tool declares an output schema (<c>{{ steps.ID.output.path }}</c>).
/// </summary>
public static class BindingSuggestions
{
    // Deep enough for rows[0].total-like paths without flooding the menu for large schemas.
    private const int MaxDepth = 3;
    private const int MaxFieldsPerStep = 40;

    public static IReadOnlyList<string> For(WorkflowDefinition workflow, string nodeId) => For(workflow, nodeId, static _ => null);

    /// <param name="outputSchemaOf">The output JSON Schema of a tool by its full name, or null when it declares none.</param>
    public static IReadOnlyList<string> For(WorkflowDefinition workflow, string nodeId, Func<string, JsonElement?> outputSchemaOf)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(outputSchemaOf);
        var graph = WorkflowGraph.Build(workflow);
        var upstream = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([nodeId]);
        while (stack.TryPop(out var at))
        {
            foreach (var dependency in graph.DependenciesOf(at))
            {
                if (upstream.Add(dependency))
                {
                    stack.Push(dependency);
                }
            }
        }
        var suggestions = workflow.Inputs.Keys.Order(StringComparer.Ordinal).Select(name => $"{{{{ inputs.{name} }}}}").ToList();
        foreach (var node in workflow.Nodes.Where(n => upstream.Contains(n.Id)))
        {
            var output = $"steps.{node.Id}.output";
            suggestions.Add($"{{{{ {output} }}}}");
            if (outputSchemaOf(node.Tool) is { } schema)
            {
                var paths = new List<string>();
                AddPaths(schema, output, 1, paths);
                suggestions.AddRange(paths.Take(MaxFieldsPerStep).Select(path => $"{{{{ {path} }}}}"));
            }
        }
        return suggestions;
    }

    private static void AddPaths(JsonElement schema, string prefix, int depth, List<string> paths)
    {
        if (depth > MaxDepth || schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var path = prefix + Segment(property.Name);
                paths.Add(path);
                AddPaths(property.Value, path, depth + 1, paths);
            }
        }
        else if (schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object
            && items.TryGetProperty("properties", out _))
        {
            // An array of objects: its first item's fields, as the grammar's [n] step.
            AddPaths(items, prefix + "[0]", depth, paths);
        }
    }

    // .key for names of letters, digits, _ and -; ["key"] for any other key (docs/workflow-format.md).
    private static string Segment(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? "." + name
            : "[" + JsonSerializer.Serialize(name) + "]";
}
