using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning.Offline;

internal sealed partial class TemplatePlanner
{
    /// <summary>
    /// A one-node plan for the best-matching tool: each argument the request states (or the caller gives) and each
    /// required argument becomes a workflow input bound into the node, so the caller can supply what is missing.
    /// </summary>
    private async ValueTask<PlanResult> FromToolAsync(ToolDescriptor tool, PlanRequest request, RequestValues values,
        string why, ToolCatalogReader.Snapshot snapshot, CancellationToken cancellationToken)
    {
        var properties = ToolSchemas.Properties(tool.InputSchema);
        var unknown = request.Inputs.Keys.Where(k => properties.All(p => p.Name != k)).ToArray();
        if (unknown.Length > 0 && !ToolSchemas.AllowsOtherProperties(tool.InputSchema))
        {
            return Fail($"Tool '{tool.FullName}' takes no argument {string.Join(", ", unknown.Select(u => $"'{u}'"))}; " +
                $"its arguments are: {string.Join(", ", properties.Select(p => p.Name))}.", snapshot);
        }
        var declared = properties.ToDictionary(
            p => p.Name,
            p => new WorkflowInput { Type = p.Type, Description = p.Description },
            StringComparer.Ordinal);
        var notes = new List<string>();
        var filled = InputFiller.Fill(declared, values, _time.GetUtcNow().Year, notes);
        var inputs = new Dictionary<string, WorkflowInput>(StringComparer.Ordinal);
        var args = new JsonObject();
        foreach (var property in properties)
        {
            var input = declared[property.Name];
            JsonElement? value = request.Inputs.TryGetValue(property.Name, out var given) ? InputCoercion.Coerce(given, property.Type)
                : filled.TryGetValue(property.Name, out var read) ? read : null;
            if (value is null && !property.Required)
            {
                continue;
            }
            var inputName = InputName(property.Name);
            inputs[inputName] = input with { Default = value };
            args[property.Name] = $"{{{{ inputs.{inputName} }}}}";
        }
        var nodeId = InputName(tool.Name);
        var workflow = new WorkflowDefinition
        {
            Name = nodeId,
            Description = $"Calls {tool.FullName}{(tool.Description is { Length: > 0 } d ? $": {d}" : "")}",
            Inputs = inputs,
            Nodes = [new WorkflowNode { Id = nodeId, Tool = tool.FullName, Args = JsonSerializer.SerializeToElement(args), Description = tool.Description }],
            Output = JsonSerializer.SerializeToElement($"{{{{ steps.{nodeId}.output }}}}"),
        };
        var explanation = notes.Count > 0 ? $"{why}; arguments from the request: {string.Join(", ", notes)}" : why;
        return await FinishAsync(workflow, explanation, $"The plan for tool '{tool.FullName}'", snapshot, cancellationToken);
    }

    /// <summary>
    /// A chain of tools that together cover the request, in the order it names them: each tool's stated and required
    /// arguments become inputs (named <c>NODE_ARG</c>), each node runs after the one before, and a text argument the
    /// request leaves open (text, body, content, message, prompt) carries the previous step's output.
    /// </summary>
    private async ValueTask<PlanResult> FromToolsAsync(IReadOnlyList<ToolDescriptor> tools, PlanRequest request, RequestValues values,
        string why, ToolCatalogReader.Snapshot snapshot, CancellationToken cancellationToken)
    {
        var inputs = new Dictionary<string, WorkflowInput>(StringComparer.Ordinal);
        var nodes = new List<WorkflowNode>();
        var notes = new List<string>();
        string? previous = null;
        foreach (var tool in tools)
        {
            var nodeId = InputName(tool.Name);
            var properties = ToolSchemas.Properties(tool.InputSchema);
            var declared = properties.ToDictionary(p => p.Name, p => new WorkflowInput { Type = p.Type, Description = p.Description }, StringComparer.Ordinal);
            var filled = InputFiller.Fill(declared, values, _time.GetUtcNow().Year, notes);
            var args = new JsonObject();
            foreach (var property in properties)
            {
                if (filled.TryGetValue(property.Name, out var read))
                {
                    var inputName = InputName($"{nodeId}_{property.Name}");
                    inputs[inputName] = declared[property.Name] with { Default = read };
                    args[property.Name] = $"{{{{ inputs.{inputName} }}}}";
                }
                else if (previous is not null && property.Type == "string" && CarriesText(property.Name))
                {
                    args[property.Name] = $"Result of {previous}:\n{{{{ steps.{previous}.output }}}}";
                }
                else if (property.Required)
                {
                    var inputName = InputName($"{nodeId}_{property.Name}");
                    inputs[inputName] = declared[property.Name];
                    args[property.Name] = $"{{{{ inputs.{inputName} }}}}";
                }
            }
            nodes.Add(new WorkflowNode
            {
                Id = nodeId, Tool = tool.FullName, Args = JsonSerializer.SerializeToElement(args), Description = tool.Description,
                DependsOn = previous is null ? [] : [previous],
            });
            previous = nodeId;
        }
        var workflow = new WorkflowDefinition
        {
            Name = string.Join("-then-", nodes.Select(n => n.Id)),
            Description = $"Calls {string.Join(", then ", tools.Select(t => t.FullName))}",
            Inputs = inputs,
            Nodes = nodes,
            Output = JsonSerializer.SerializeToElement($"{{{{ steps.{previous}.output }}}}"),
        };
        var explanation = notes.Count > 0 ? $"{why}; arguments from the request: {string.Join(", ", notes)}" : why;
        return await FinishAsync(workflow, explanation, "The plan chaining the tools", snapshot, cancellationToken);
    }

    private static bool CarriesText(string name) => name is "text" or "body" or "content" or "message" or "prompt" or "description";

    /// <summary>A valid input or node id (<c>^[A-Za-z_][A-Za-z0-9_-]*$</c>) from a property or tool name.</summary>
    internal static string InputName(string name)
    {
        var cleaned = InvalidIdCharacters().Replace(name, "_");
        return cleaned.Length == 0 || char.IsDigit(cleaned[0]) || cleaned[0] == '-' ? $"_{cleaned}" : cleaned;
    }

    [GeneratedRegex("[^A-Za-z0-9_-]", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidIdCharacters();
}
