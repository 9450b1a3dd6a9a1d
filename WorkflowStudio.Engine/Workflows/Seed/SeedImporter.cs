using System.Text;
using System.Text.Json;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows.Json;

namespace WorkflowStudio.Engine.Workflows.Seed;

/// <summary>
/// Imports the seed's format: <c>{ "request": "...", "orchestration": { "actions": [ { "step", "action", "tools", "params" } ] } }</c>.
/// Each action becomes one node per tool (run in parallel); every node of a step depends on every node of the
/// previous step (actions sharing a step number form one stage). Tool names resolve through the catalog.
/// </summary>
internal static class SeedImporter
{
    private static readonly string[] RootProperties = ["$schema", "request", "orchestration"];
    private static readonly string[] OrchestrationProperties = ["actions"];
    private static readonly string[] ActionProperties = ["step", "action", "tools", "params"];
    private const int MaxNameLength = 60;

    public static async Task<WorkflowDefinition?> ImportAsync(JsonElement root, IToolCatalog catalog, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        var before = errors.Count;
        var reader = new StrictJsonReader(errors);
        string? request = null;
        var actions = new List<SeedAction>();
        var sawOrchestration = false;
        foreach (var (property, value, path) in reader.Properties(root, JsonPathText.Root, RootProperties))
        {
            switch (property)
            {
                case "$schema": reader.String(value, path); break;
                case "request": request = reader.String(value, path); break;
                default: sawOrchestration = true; ReadOrchestration(reader, value, path, actions); break;
            }
        }
        if (request is null && !root.TryGetProperty("request", out _))
        {
            reader.Error(JsonPathText.Root, "missing required property 'request' (it names and describes the workflow)");
        }
        if (sawOrchestration && actions.Count == 0 && errors.Count == before)
        {
            reader.Error("$.orchestration.actions", "expected at least one action");
        }
        var resolver = new SeedToolResolver(catalog);
        var resolved = new Dictionary<SeedAction, IReadOnlyList<string>>();
        foreach (var action in actions)
        {
            resolved[action] = await resolver.ResolveAllAsync(action, errors, cancellationToken);
        }
        if (errors.Count != before)
        {
            return null;
        }
        return new WorkflowDefinition
        {
            Name = Slug(request!),
            Description = request,
            Nodes = BuildNodes(actions, resolved),
        };
    }

    private static void ReadOrchestration(StrictJsonReader reader, JsonElement value, string path, List<SeedAction> actions)
    {
        var sawActions = false;
        foreach (var (_, list, listPath) in reader.Properties(value, path, OrchestrationProperties))
        {
            sawActions = true;
            if (list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > WorkflowLimits.MaxNodes)
            {
                reader.Error(listPath, $"{list.GetArrayLength()} actions; the limit is {WorkflowLimits.MaxNodes}");
                return;
            }
            foreach (var (item, itemPath) in reader.Items(list, listPath))
            {
                if (ReadAction(reader, item, itemPath, actions.Count) is { } action)
                {
                    actions.Add(action);
                }
            }
        }
        if (!sawActions && value.ValueKind == JsonValueKind.Object)
        {
            reader.Error(path, "missing required property 'actions'");
        }
    }

    private static SeedAction? ReadAction(StrictJsonReader reader, JsonElement value, string path, int index)
    {
        var before = reader.ErrorCount;
        int? step = null;
        string? name = null;
        IReadOnlyList<string> tools = [];
        JsonElement? parameters = null;
        foreach (var (property, item, itemPath) in reader.Properties(value, path, ActionProperties))
        {
            switch (property)
            {
                case "step": step = reader.Integer(item, itemPath); break;
                case "action": name = reader.String(item, itemPath); break;
                case "tools": tools = reader.StringArray(item, itemPath); break;
                default: parameters = reader.Object(item, itemPath); break;
            }
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (!value.TryGetProperty("action", out _))
        {
            reader.Error(path, "missing required property 'action' (a short name such as \"data_extraction\")");
        }
        if (!value.TryGetProperty("tools", out var toolList) || (toolList.ValueKind == JsonValueKind.Array && toolList.GetArrayLength() == 0))
        {
            reader.Error(JsonPathText.Property(path, "tools"), "expected at least one tool name");
        }
        return reader.ErrorCount == before ? new SeedAction(index, step ?? index + 1, name!, tools, parameters, path) : null;
    }

    private static List<WorkflowNode> BuildNodes(List<SeedAction> actions, Dictionary<SeedAction, IReadOnlyList<string>> resolved)
    {
        var nodes = new List<WorkflowNode>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<string> previousStage = [];
        foreach (var stage in actions.OrderBy(a => a.Step).ThenBy(a => a.Index).GroupBy(a => a.Step))
        {
            var current = new List<string>();
            foreach (var action in stage)
            {
                var tools = resolved[action];
                for (var t = 0; t < tools.Count; t++)
                {
                    var baseId = tools.Count == 1 ? IdPart(action.Action) : $"{IdPart(action.Action)}_{IdPart(ToolName(action.Tools[t]))}";
                    var id = Unique(baseId, used);
                    current.Add(id);
                    nodes.Add(new WorkflowNode { Id = id, Tool = tools[t], Args = action.Params, DependsOn = previousStage });
                }
            }
            previousStage = current;
        }
        return nodes;
    }

    private static string ToolName(string tool) => tool[(tool.LastIndexOf('/') + 1)..];

    /// <summary>A valid node id fragment: other characters become '_', a leading digit gets a '_' prefix.</summary>
    internal static string IdPart(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }
        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]) || builder[0] == '-')
        {
            builder.Insert(0, '_');
        }
        return builder.ToString();
    }

    private static string Unique(string baseId, HashSet<string> used)
    {
        var id = Truncate(baseId, WorkflowLimits.MaxIdLength);
        for (var n = 2; !used.Add(id); n++)
        {
            var suffix = $"_{n}";
            id = Truncate(baseId, WorkflowLimits.MaxIdLength - suffix.Length) + suffix;
        }
        return id;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>The workflow name: the request lower-cased, runs of other characters as '-', at most 60 characters.</summary>
    internal static string Slug(string request)
    {
        var builder = new StringBuilder();
        foreach (var c in request.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        var slug = builder.ToString().Trim('-');
        if (slug.Length > MaxNameLength)
        {
            var cut = slug.LastIndexOf('-', MaxNameLength);
            slug = slug[..(cut > 0 ? cut : MaxNameLength)];
        }
        return slug.Length == 0 ? "seed-workflow" : slug;
    }
}
