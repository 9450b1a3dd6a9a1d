using System.Security.Claims;
using System.Text.Json;
using ModelContextProtocol;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Auth;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Mcp;

internal sealed partial class StudioMcpTools
{
    private static StudioCaller Require(ClaimsPrincipal? user, string[] roles)
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

    private static async Task<string> StartAsync(TenantRuns runs, StudioCaller caller, WorkflowDefinition workflow, IReadOnlyDictionary<string, JsonElement> inputs,
        string? workflowId, CancellationToken cancellationToken)
    {
        var outcome = await runs.StartAsync(new RunStartRequest($"mcp:{caller.Actor}", workflow, inputs) { WorkflowId = workflowId }, cancellationToken);
        if (outcome.Quota is { } quota)
        {
            throw new McpException($"Quota '{quota.Limit}' ({quota.LimitValue}) is used up ({quota.Used}); it resets at {quota.ResetsAt:O}.");
        }
        return outcome.RunId ?? throw new McpException(Describe(outcome.Errors));
    }

    /// <summary>The one wait, its progress as MCP progress notifications; the caller giving up (cancelling the call) cancels the run.</summary>
    private static async Task<McpRunOutput> WaitAsync(TenantRuns runs, string runId, IProgress<ProgressNotificationValue> progress, CancellationToken cancellationToken)
    {
        var result = await runs.WaitAsync(runId, RunWaitUntil.FinishedOrAwaitingApproval, new McpRunProgress(progress), cancelRunOnAbort: true, cancellationToken);
        return McpRunOutput.From(result!);
    }

    private static string Describe(IReadOnlyList<ValidationError> errors) =>
        "The workflow or its inputs are invalid: " + string.Join("; ", errors.Select(e => e.ToString()));
}
