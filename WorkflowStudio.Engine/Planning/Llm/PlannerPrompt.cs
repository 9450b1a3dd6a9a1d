using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning.Llm;

/// <summary>The planner's messages: the format rules, the request and catalog as data, and repair instructions.</summary>
internal static class PlannerPrompt
{
    public const string System = """
        You are the planner of WorkflowStudio, an orchestrator that runs MCP tool calls as a parallel DAG.
        Turn the user's request into ONE workflow in WorkflowStudio's JSON format and answer with that JSON object only.

        Format:
        { "name": "kebab-case-name", "description": "one sentence: what the plan does and why these steps",
          "inputs": { "NAME": { "type": "string|number|integer|boolean|object|array", "default": VALUE, "description": "..." } },
          "nodes": [ { "id": "step_id", "tool": "server/tool", "args": { ... }, "dependsOn": ["other_id"],
                       "timeoutSeconds": 60, "retry": { "maxAttempts": 3 }, "fallback": { "tool": "server/tool", "args": { } },
                       "when": "{{ steps.check.output.ok }}", "continueOnError": false, "description": "..." } ],
          "output": "{{ steps.last.output }}" }

        Rules:
        - Use only tools from the catalog, by their exact "server/tool" name; args must satisfy the tool's inputSchema
          (required properties present, types right, no unknown properties when additionalProperties is false).
        - Bindings: "{{ inputs.NAME }}" for a declared input, "{{ steps.ID.output }}" or "{{ steps.ID.output.field[0] }}" for an
          earlier node's output. A string that is exactly one binding keeps the JSON type of the value.
        - Nodes run in parallel unless one depends on another: a binding to steps.ID is a dependency; add dependsOn only for
          ordering without data. Do not chain steps that do not need each other. No cycles.
        - Ids match ^[A-Za-z_][A-Za-z0-9_-]*$ and are unique. Declare every input you bind; give a default when the request states the value.
        - Prefer read-only tools; use a destructive tool only when the request clearly asks for that effect.
        - Add "retry" to read-only or idempotent calls to services that can fail transiently.
        """;

    public static string Plan(PlanRequest request, IReadOnlyList<ToolDescriptor> tools, WorkflowTemplate? template)
    {
        var text = new StringBuilder();
        text.AppendLine("Plan a workflow for this request:");
        text.AppendLine(PromptData.Block("request", request.Request));
        if (request.Inputs.Count > 0)
        {
            text.AppendLine("The user gave these input values; declare each as an input with that default:");
            text.AppendLine(PromptData.Block("inputs", JsonSerializer.Serialize(request.Inputs)));
        }
        if (template is not null)
        {
            text.AppendLine($"Start from the template '{template.Id}' and adapt it to the request:");
            text.AppendLine(PromptData.Block("template", WorkflowJson.Serialize(template.Workflow)));
        }
        text.AppendLine("The tool catalog (JSON array of tool, description, inputSchema, annotations):");
        text.AppendLine(PromptData.Block("catalog", Catalog(tools)));
        text.Append("Answer with the workflow JSON only.");
        return text.ToString();
    }

    public static string Repair(IEnumerable<ValidationError> errors) =>
        "The workflow you answered is not valid. Fix exactly these errors (JSONPATH: message) and answer with the whole corrected workflow JSON only:\n" +
        string.Join("\n", errors.Select(e => $"- {e}"));

    public static string Catalog(IEnumerable<ToolDescriptor> tools)
    {
        var array = new JsonArray();
        foreach (var tool in tools)
        {
            var annotations = new JsonObject();
            Add(annotations, "readOnly", tool.Annotations.ReadOnly);
            Add(annotations, "destructive", tool.Annotations.Destructive);
            Add(annotations, "idempotent", tool.Annotations.Idempotent);
            Add(annotations, "openWorld", tool.Annotations.OpenWorld);
            array.Add(new JsonObject
            {
                ["tool"] = tool.FullName,
                ["description"] = tool.Description ?? tool.Title ?? "",
                ["inputSchema"] = JsonNode.Parse(tool.InputSchema.GetRawText()),
                ["annotations"] = annotations,
            });
        }
        return array.ToJsonString();
    }

    private static void Add(JsonObject target, string name, bool? value)
    {
        if (value is { } set)
        {
            target[name] = set;
        }
    }
}
