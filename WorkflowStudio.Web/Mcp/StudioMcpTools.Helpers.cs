using System.Security.Claims;
using System.Text.Json;
using ModelContextProtocol;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Api;

namespace WorkflowStudio.Web.Mcp;

internal sealed partial class StudioMcpTools
{
    private static ApiCaller Require(ClaimsPrincipal? user, string[] roles)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            throw new McpException("This server needs an API key: send 'Authorization: Bearer KEY'.");
        }
        if (!roles.Any(user.IsInRole))
        {
            throw new McpException($"The key's role may not do this; it needs one of: {string.Join(", ", roles)}.");
        }
        return ApiCaller.Of(user);
    }

    private async Task<string> StartAsync(ApiCaller caller, WorkflowDefinition workflow, IReadOnlyDictionary<string, JsonElement> inputs, string? workflowId,
        CancellationToken cancellationToken)
    {
        var outcome = await starter.StartAsync(new RunStartRequest(caller.TenantId, $"mcp:{caller.Actor}", workflow, inputs, workflowId, null, ""), cancellationToken);
        if (outcome.Quota is { } quota)
        {
            throw new McpException($"Quota '{quota.Limit}' ({quota.LimitValue}) is used up ({quota.Used}); it resets at {quota.ResetsAt:O}.");
        }
        return outcome.RunId ?? throw new McpException(Describe(outcome.Errors));
    }

    private static string Describe(IReadOnlyList<ValidationError> errors) =>
        "The workflow or its inputs are invalid: " + string.Join("; ", errors.Select(e => e.ToString()));
}
