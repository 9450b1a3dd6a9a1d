using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Mcp;

/// <summary>
/// The template gallery as MCP prompts: one per template, named by its id, its inputs as the arguments (required when
/// the input has no default). prompts/get answers a user message that asks the model to call run_workflow with the
/// template and the given inputs. An unknown prompt, a missing required argument or an argument the template does not
/// declare is -32602 saying which.
/// </summary>
internal sealed class McpTemplatePrompts(ITemplateCatalog templates)
{
    public ValueTask<ListPromptsResult> ListAsync(RequestContext<ListPromptsRequestParams> request, CancellationToken cancellationToken)
    {
        McpCalls.Require(request.User, StudioPolicies.ViewerRoles);
        return ValueTask.FromResult(new ListPromptsResult { Prompts = templates.Templates.Select(PromptOf).ToList() });
    }

    public ValueTask<GetPromptResult> GetAsync(RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken)
    {
        McpCalls.Require(request.User, StudioPolicies.ViewerRoles);
        var name = request.Params?.Name;
        var template = (name is null ? null : templates.Find(name))
                       ?? throw new McpProtocolException(
                           $"Unknown prompt '{name}': the prompts are the template ids {string.Join(", ", templates.Templates.Select(t => t.Id))} (prompts/list).",
                           McpErrorCode.InvalidParams);
        return ValueTask.FromResult(Render(template, request.Params!.Arguments));
    }

    public static Prompt PromptOf(WorkflowTemplate template) => new()
    {
        Name = template.Id,
        Title = template.Title,
        Description = template.Description,
        Arguments = template.Workflow.Inputs.Select(i => new PromptArgument
        {
            Name = i.Key, Description = Describe(i.Value), Required = i.Value.IsRequired,
        }).ToList(),
    };

    /// <summary>The prompt's message for these arguments; -32602 for a missing required or an undeclared argument.</summary>
    public static GetPromptResult Render(WorkflowTemplate template, IDictionary<string, JsonElement>? arguments)
    {
        arguments ??= new Dictionary<string, JsonElement>();
        var declared = template.Workflow.Inputs;
        if (arguments.Keys.FirstOrDefault(k => !declared.ContainsKey(k)) is { } unknown)
        {
            throw new McpProtocolException(
                $"Prompt '{template.Id}' has no argument '{unknown}'; its arguments are: {(declared.Count == 0 ? "none" : string.Join(", ", declared.Keys))}.",
                McpErrorCode.InvalidParams);
        }
        if (declared.FirstOrDefault(i => i.Value.IsRequired && !Given(arguments, i.Key)) is { Key: not null } missing)
        {
            throw new McpProtocolException(
                $"Prompt '{template.Id}' needs argument '{missing.Key}' ({Describe(missing.Value)}).", McpErrorCode.InvalidParams);
        }
        var inputs = new JsonObject();
        foreach (var (name, value) in arguments.Where(a => Given(arguments, a.Key)))
        {
            inputs[name] = InputValue(declared[name], value);
        }
        var call = new JsonObject { ["template"] = template.Id, ["inputs"] = inputs };
        var text = new StringBuilder()
            .Append("Run the WorkflowStudio template '").Append(template.Id).Append("' (").Append(template.Title).Append("): ")
            .AppendLine(template.Description).AppendLine()
            .AppendLine("Call the tool run_workflow with these arguments:")
            .AppendLine(call.ToJsonString());
        var defaults = declared.Where(i => !inputs.ContainsKey(i.Key) && i.Value.Default is not null).Select(i => $"{i.Key} = {i.Value.Default!.Value.GetRawText()}").ToArray();
        if (defaults.Length > 0)
        {
            text.AppendLine().Append("Inputs not given take their defaults: ").Append(string.Join("; ", defaults)).AppendLine(".");
        }
        text.AppendLine()
            .Append("It answers the run's status, each node's result, next actions and resource links to the files it wrote. ")
            .Append("If the status is awaiting_approval, ask me before calling approve_node. To adapt the template to a request in words ")
            .Append("first, call orchestrate with \"request\" and \"template\": \"").Append(template.Id).Append("\" instead.");
        return new GetPromptResult
        {
            Description = template.Title,
            Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = text.ToString() } }],
        };
    }

    private static bool Given(IDictionary<string, JsonElement> arguments, string name) =>
        arguments.TryGetValue(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    /// <summary>Prompt arguments are strings: a non-string input given as JSON text (a number, a list) is read as that JSON.</summary>
    private static JsonNode? InputValue(WorkflowInput input, JsonElement value)
    {
        if (input.Type != "string" && value.ValueKind == JsonValueKind.String)
        {
            try
            {
                return JsonNode.Parse(value.GetString()!);
            }
            catch (JsonException)
            {
                // Not JSON: passed on as the string it is; the run's input check names the type it wants.
            }
        }
        return JsonSerializer.SerializeToNode(value);
    }

    private static string Describe(WorkflowInput input) =>
        (input.Description is { Length: > 0 } d ? d + "; " : "") + input.Type
        + (input.Default is { } value ? $", default {value.GetRawText()}" : ", required");
}
