using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Mcp;

/// <summary>
/// completion/complete: a template prompt's argument (the values the template names for that input: its default), the
/// <c>runId</c> of the run and file resource templates (the tenant's recent runs), the <c>path</c> of a run's file (given
/// <c>runId</c> in the context), and the <c>workflowId</c> of the workflow template (the tenant's saved workflows).
/// Values start with what was typed (ignoring case), at most <see cref="MaxValues"/>.
/// </summary>
internal sealed class McpCompletions(ITemplateCatalog templates, RunFrontDoor front)
{
    public const int MaxValues = 100;
    private const int RecentRuns = 200;

    public async ValueTask<CompleteResult> CompleteAsync(RequestContext<CompleteRequestParams> request, CancellationToken cancellationToken)
    {
        var caller = McpCalls.Require(request.User, StudioPolicies.ViewerRoles);
        var parameters = request.Params ?? throw new McpProtocolException("completion/complete needs 'ref' and 'argument'.", McpErrorCode.InvalidParams);
        var argument = parameters.Argument.Name;
        var runs = front.For(caller.TenantId);
        IEnumerable<string> candidates = parameters.Ref switch
        {
            PromptReference prompt => PromptValues(prompt.Name, argument),
            ResourceTemplateReference { Uri: McpResourceUris.RunTemplate or McpResourceUris.ArtefactTemplate } when argument == "runId" =>
                (await runs.QueryAsync(new RunQuery { Limit = RecentRuns }, cancellationToken)).Runs.Select(r => r.Id),
            ResourceTemplateReference { Uri: McpResourceUris.ArtefactTemplate } when argument == "path" =>
                parameters.Context?.Arguments?.TryGetValue("runId", out var runId) == true
                    ? (await runs.ListArtefactsAsync(runId, cancellationToken) ?? []).Select(a => a.Path)
                    : [],
            ResourceTemplateReference { Uri: McpResourceUris.WorkflowTemplate } when argument == "workflowId" =>
                (await runs.ListWorkflowsAsync(cancellationToken: cancellationToken)).Select(w => w.Id),
            ResourceTemplateReference template => throw new McpProtocolException(
                $"Resource template '{template.Uri}' has no argument '{argument}' to complete: complete runId of {McpResourceUris.RunTemplate}, " +
                $"runId or path of {McpResourceUris.ArtefactTemplate}, workflowId of {McpResourceUris.WorkflowTemplate}.", McpErrorCode.InvalidParams),
            _ => throw new McpProtocolException("completion/complete needs a 'ref' of type ref/prompt or ref/resource.", McpErrorCode.InvalidParams),
        };
        var typed = parameters.Argument.Value ?? "";
        var values = candidates.Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).ToArray();
        return new CompleteResult
        {
            Completion = new Completion { Values = values.Take(MaxValues).ToList(), Total = values.Length, HasMore = values.Length > MaxValues },
        };
    }

    private IEnumerable<string> PromptValues(string prompt, string argument)
    {
        var template = templates.Find(prompt)
                       ?? throw new McpProtocolException($"Unknown prompt '{prompt}': the prompts are the template ids (prompts/list).", McpErrorCode.InvalidParams);
        if (!template.Workflow.Inputs.TryGetValue(argument, out var input))
        {
            throw new McpProtocolException(
                $"Prompt '{prompt}' has no argument '{argument}'; its arguments are: {string.Join(", ", template.Workflow.Inputs.Keys)}.", McpErrorCode.InvalidParams);
        }
        return input.Default is not { } value ? []
            : value.ValueKind == JsonValueKind.String ? [value.GetString()!]
            : [value.GetRawText()];
    }
}
