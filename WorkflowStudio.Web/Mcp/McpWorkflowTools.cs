using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Store;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Mcp;

/// <summary>
/// Each saved workflow of the caller's tenant that declares inputs, as its own MCP tool (<see cref="ToolName"/>): its
/// inputs are the input schema, calling it runs the latest version through the tenant's front door and answers like
/// run_workflow. Listed beside the fixed tools; another tenant's workflows are neither listed nor callable.
/// </summary>
internal sealed class McpWorkflowTools(RunFrontDoor front)
{
    public const string Prefix = "workflow_";

    /// <summary>At most this many workflows (the newest) are offered as tools.</summary>
    public const int MaxTools = 100;

    private const int MaxNameLength = 64; // the shortest limit common clients put on tool names

    public async ValueTask<ListToolsResult> ListAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken)
    {
        var caller = McpCalls.Require(request.User, StudioPolicies.ViewerRoles);
        var runs = front.For(caller.TenantId);
        var outputSchema = request.Server.ServerOptions.ToolCollection?.TryGetPrimitive("run_workflow", out var runWorkflow) == true
            ? runWorkflow.ProtocolTool.OutputSchema
            : null;
        var tools = new List<Tool>();
        foreach (var info in await runs.ListWorkflowsAsync(MaxTools, cancellationToken))
        {
            if (await runs.FindWorkflowAsync(info.Id, cancellationToken: cancellationToken) is { Definition.Inputs.Count: > 0 } saved)
            {
                tools.Add(ToolOf(saved, outputSchema));
            }
        }
        return new ListToolsResult { Tools = tools };
    }

    /// <summary>Calls a workflow tool; any other name the fixed tools did not take is -32602 "unknown tool".</summary>
    public async ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name ?? "";
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw Unknown(name);
        }
        StudioCaller caller;
        try
        {
            caller = McpCalls.Require(request.User, StudioPolicies.EditorRoles);
        }
        catch (McpException refused)
        {
            return Failed(refused.Message);
        }
        var runs = front.For(caller.TenantId);
        var saved = await FindAsync(runs, name, cancellationToken) ?? throw Unknown(name);
        var definition = saved.Definition;
        var arguments = request.Params!.Arguments ?? new Dictionary<string, JsonElement>();
        if (arguments.Keys.FirstOrDefault(k => !definition.Inputs.ContainsKey(k)) is { } unknown)
        {
            return Failed($"Workflow tool '{name}' has no input '{unknown}'; its inputs are: {string.Join(", ", definition.Inputs.Keys)}.");
        }
        try
        {
            var runId = await McpCalls.StartAsync(runs, caller, definition, RunStarter.InputsFor(definition, arguments.ToDictionary()), saved.Id, cancellationToken);
            if (await McpCalls.TaskAsync(request, runs, runId, cancellationToken) is { } task)
            {
                return task;
            }
            var output = await McpCalls.WaitAsync(runs, runId, new McpSessionProgress(request.Server, request.Params.ProgressToken), cancellationToken);
            return await McpCalls.AnswerAsync(runs, output, cancellationToken);
        }
        catch (McpException problem) when (problem is not McpProtocolException)
        {
            return Failed(problem.Message); // like the fixed tools: a refused start is the tool's error result
        }
    }

    /// <summary>
    /// <c>workflow_</c> and the workflow id; an id with characters a tool name may not have, or a long one, is shortened and
    /// made unique with a hash of the whole id. Stable: it depends on the id only, never on the workflow's name.
    /// </summary>
    public static string ToolName(string workflowId)
    {
        var slug = new string(workflowId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());
        if (slug == workflowId && Prefix.Length + slug.Length <= MaxNameLength)
        {
            return Prefix + slug;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(workflowId)))[..8];
        return Prefix + slug[..Math.Min(slug.Length, MaxNameLength - Prefix.Length - hash.Length - 1)] + "_" + hash;
    }

    private static async ValueTask<SavedWorkflow?> FindAsync(TenantRuns runs, string name, CancellationToken cancellationToken)
    {
        var direct = await runs.FindWorkflowAsync(name[Prefix.Length..], cancellationToken: cancellationToken);
        if (direct is not null && ToolName(direct.Id) == name)
        {
            return direct.Definition.Inputs.Count > 0 ? direct : null;
        }
        foreach (var info in (await runs.ListWorkflowsAsync(MaxTools, cancellationToken)).Where(w => ToolName(w.Id) == name))
        {
            return await runs.FindWorkflowAsync(info.Id, cancellationToken: cancellationToken) is { Definition.Inputs.Count: > 0 } saved ? saved : null;
        }
        return null;
    }

    private static Tool ToolOf(SavedWorkflow saved, JsonElement? outputSchema)
    {
        var properties = new JsonObject();
        foreach (var (input, declared) in saved.Definition.Inputs)
        {
            var property = new JsonObject { ["type"] = declared.Type };
            if (declared.Description is { Length: > 0 } description)
            {
                property["description"] = description;
            }
            if (declared.Default is { } value)
            {
                property["default"] = JsonNode.Parse(value.GetRawText());
            }
            properties[input] = property;
        }
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray(saved.Definition.Inputs.Where(i => i.Value.IsRequired).Select(i => (JsonNode)i.Key).ToArray()),
            ["additionalProperties"] = false,
        };
        return new Tool
        {
            Name = ToolName(saved.Id),
            Title = saved.Name,
            Description = (saved.Definition.Description is { Length: > 0 } d ? d.TrimEnd('.') + ". " : "")
                          + $"Runs the saved workflow '{saved.Name}' ({saved.Id}, latest version) and answers like run_workflow: status, each node's result, " +
                          "next actions and links to the files it wrote. A node that needs approval leaves the run 'awaiting_approval': use approve_node.",
            InputSchema = JsonSerializer.SerializeToElement(schema),
            OutputSchema = outputSchema,
            Annotations = new ToolAnnotations { Title = saved.Name, ReadOnlyHint = false, DestructiveHint = false, IdempotentHint = false, OpenWorldHint = true },
        };
    }

    private static McpProtocolException Unknown(string name) =>
        new($"Unknown tool: '{name}' (tools/list shows this tenant's tools).", McpErrorCode.InvalidParams);

    private static CallToolResult Failed(string message) => new() { IsError = true, Content = [new TextContentBlock { Text = message }] };
}
