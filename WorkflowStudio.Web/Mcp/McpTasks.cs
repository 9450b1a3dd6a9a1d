using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Mcp;

#pragma warning disable MCPEXP002 // custom request handlers are the SDK's way to serve an extension's methods; no typed API for tasks v2 yet

/// <summary>
/// <c>tasks/get</c>, <c>tasks/cancel</c> and <c>tasks/update</c> of the tasks extension. A task is a run of the caller's
/// tenant (its id is the run id, so it survives restarts like the run and lives as long as the run's journal); another
/// tenant's run is an unknown task. A client that did not declare the extension gets -32021.
/// </summary>
internal sealed class McpTasks(RunFrontDoor front)
{
    public static IEnumerable<McpServerRequestHandler> Handlers() =>
    [
        Handler("tasks/get", static (tasks, context, cancellationToken) => tasks.GetAsync(context, cancellationToken)),
        Handler("tasks/cancel", static (tasks, context, cancellationToken) => tasks.CancelAsync(context, cancellationToken)),
        Handler("tasks/update", static (tasks, context, cancellationToken) => tasks.UpdateAsync(context, cancellationToken)),
    ];

    /// <summary>The task; once the run finished, with the same tool result a waiting call would have had (<c>isError</c> when the run failed).</summary>
    public async ValueTask<JsonNode?> GetAsync(RequestContext<JsonNode?> context, CancellationToken cancellationToken)
    {
        var (runs, run) = await FindAsync(context, StudioPolicies.ViewerRoles, cancellationToken);
        var status = McpTaskWire.Status(run.Status);
        var task = McpTaskWire.Envelope(run, "complete", status);
        if (status == "completed" && await runs.GetResultAsync(run.Id, cancellationToken) is { } finished)
        {
            var answer = await McpCalls.AnswerAsync(runs, McpRunOutput.From(finished), cancellationToken);
            answer.IsError = finished.Status == RunStatus.Failed;
            task["result"] = JsonSerializer.SerializeToNode(answer, McpJsonUtilities.DefaultOptions);
        }
        return task;
    }

    /// <summary>Cancels the run (audited like every cancel); an empty acknowledgement, also for a task that already ended.</summary>
    public async ValueTask<JsonNode?> CancelAsync(RequestContext<JsonNode?> context, CancellationToken cancellationToken)
    {
        var (runs, run) = await FindAsync(context, StudioPolicies.EditorRoles, cancellationToken);
        var caller = StudioCaller.Of(context.User!);
        await runs.CancelAsync(run.Id, $"mcp:{caller.Actor}", "cancelled through MCP tasks/cancel", cancellationToken);
        return new JsonObject { ["resultType"] = "complete" };
    }

    /// <summary>Our tasks never ask the client for input: a run's approvals and questions are answered through approve_node or the studio.</summary>
    public async ValueTask<JsonNode?> UpdateAsync(RequestContext<JsonNode?> context, CancellationToken cancellationToken)
    {
        var (_, run) = await FindAsync(context, StudioPolicies.EditorRoles, cancellationToken);
        throw new McpProtocolException(
            $"Task '{run.Id}' does not wait for input from the client: decide its approvals with approve_node and answer its questions in the studio.",
            McpErrorCode.InvalidParams);
    }

    private async ValueTask<(TenantRuns Runs, RunRecord Run)> FindAsync(RequestContext<JsonNode?> context, string[] roles, CancellationToken cancellationToken)
    {
        var parameters = context.Params as JsonObject;
        if (!McpTaskWire.Declared(context.Server, parameters?["_meta"] as JsonObject))
        {
            throw new MissingRequiredClientCapabilityException(
                new ClientCapabilities { Extensions = new Dictionary<string, object> { [McpTaskWire.Extension] = new JsonObject() } },
                $"The client did not declare the '{McpTaskWire.Extension}' extension: declare it in its capabilities (or in this request's _meta) to use tasks.");
        }
        var caller = McpCalls.Require(context.User, roles);
        if (parameters?["taskId"] is not JsonValue id || !id.TryGetValue<string>(out var taskId) || taskId.Length == 0)
        {
            throw new McpProtocolException("Give the task's id as the string parameter 'taskId'.", McpErrorCode.InvalidParams);
        }
        var runs = front.For(caller.TenantId);
        var run = await runs.FindAsync(taskId, cancellationToken)
            ?? throw new McpProtocolException($"No task '{taskId}' in this tenant.", McpErrorCode.InvalidParams);
        return (runs, run);
    }

    private static McpServerRequestHandler Handler(string method, Func<McpTasks, RequestContext<JsonNode?>, CancellationToken, ValueTask<JsonNode?>> handle) => new()
    {
        Method = method,
        Handler = (context, cancellationToken) =>
            handle((context.Services ?? context.Server.Services ?? throw new InvalidOperationException("The MCP request has no services."))
                .GetRequiredService<McpTasks>(), context, cancellationToken),
    };
}
