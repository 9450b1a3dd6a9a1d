using System.Security.Claims;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Mcp;

/// <summary>What every <c>/mcp</c> handler shares: who calls (from the API key), starting and waiting for a run, and the run answer.</summary>
internal static class McpCalls
{
    public static StudioCaller Require(ClaimsPrincipal? user, string[] roles)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            throw new McpException("This server needs an API key: send 'Authorization: Bearer KEY'.");
        }
        if (!roles.Any(user.IsInRole))
        {
            throw new McpException($"The key's role may not do this; it needs one of: {string.Join(", ", roles)}.");
        }
        return StudioCaller.Of(user);
    }

    /// <summary>Starts a run through the tenant's front door (origin <c>mcp</c>: the actor is <c>mcp:…</c>); its id, or an error saying why not.</summary>
    public static async Task<string> StartAsync(TenantRuns runs, StudioCaller caller, WorkflowDefinition workflow, IReadOnlyDictionary<string, JsonElement> inputs,
        string? workflowId, CancellationToken cancellationToken)
    {
        var outcome = await runs.StartAsync(new RunStartRequest($"mcp:{caller.Actor}", workflow, inputs) { WorkflowId = workflowId }, cancellationToken);
        if (outcome.Quota is { } quota)
        {
            throw new McpException($"Quota '{quota.Limit}' ({quota.LimitValue}) is used up ({quota.Used}); it resets at {quota.ResetsAt:O}.");
        }
        return outcome.RunId ?? throw new McpException(Describe(outcome.Errors));
    }

    /// <summary>
    /// When the client declared the tasks extension: the run, already journaled, answered as a task (<see cref="McpTaskWire"/>)
    /// instead of waited for; null otherwise.
    /// </summary>
    public static async Task<CallToolResult?> TaskAsync(RequestContext<CallToolRequestParams> context, TenantRuns runs, string runId, CancellationToken cancellationToken) =>
        McpTaskWire.Declared(context.Server, context.Params?.Meta) && await runs.FindAsync(runId, cancellationToken) is { } run
            ? McpTaskWire.Created(run)
            : null;

    /// <summary>The one wait, its progress as MCP progress notifications; the caller giving up (cancelling the call) cancels the run.</summary>
    public static async Task<McpRunOutput> WaitAsync(TenantRuns runs, string runId, IProgress<ProgressNotificationValue> progress, CancellationToken cancellationToken)
    {
        var result = await runs.WaitAsync(runId, RunWaitUntil.FinishedOrAwaitingApproval, new McpRunProgress(progress), cancelRunOnAbort: true, cancellationToken);
        return McpRunOutput.From(result!);
    }

    /// <summary>
    /// A run as a tool result: the structured output, the same as JSON text, and a resource link to the run and to each of
    /// its artefacts (read them with resources/read).
    /// </summary>
    public static async Task<CallToolResult> AnswerAsync(TenantRuns runs, McpRunOutput output, CancellationToken cancellationToken)
    {
        var structured = JsonSerializer.SerializeToElement(output);
        var content = new List<ContentBlock> { new TextContentBlock { Text = structured.GetRawText() } };
        content.AddRange(await McpRunResources.LinksAsync(runs, output, cancellationToken));
        return new CallToolResult { StructuredContent = structured, Content = content };
    }

    public static string Describe(IReadOnlyList<ValidationError> errors) =>
        "The workflow or its inputs are invalid: " + string.Join("; ", errors.Select(e => e.ToString()));
}
