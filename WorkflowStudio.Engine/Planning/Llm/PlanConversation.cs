using Microsoft.Extensions.AI;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning.Llm;

/// <summary>
/// Asks for a workflow, parses and validates the answer, and sends the exact <c>JSONPATH: message</c> errors back for
/// up to <c>maxRepairRounds</c> more answers. Returns a valid workflow or the last errors, never an invalid plan.
/// </summary>
internal static class PlanConversation
{
    public sealed record Outcome(WorkflowDefinition? Workflow, IReadOnlyList<string> Errors, RunUsage Usage, int Calls);

    public static async Task<Outcome> RunAsync(
        ModelCaller caller, List<ChatMessage> messages, ChatUsage attribution, int maxRepairRounds, IToolCatalog tools,
        Func<WorkflowDefinition, IEnumerable<ValidationError>> rules, CancellationToken cancellationToken)
    {
        var usage = RunUsage.None;
        IReadOnlyList<ValidationError> errors = [];
        for (var round = 0; round <= maxRepairRounds; round++)
        {
            var purpose = round == 0 ? attribution.Purpose : UsagePurpose.Repair;
            var reply = await caller.CompleteAsync(messages, WorkflowSchema.ResponseFormat, attribution with { Purpose = purpose }, cancellationToken);
            if (!reply.Succeeded)
            {
                var failure = round == 0 ? reply.Error! : $"{reply.Error} (in repair round {round}; errors before it: {Join(errors)})";
                return new Outcome(null, [failure], usage, round + 1);
            }
            usage = usage.Plus(reply.Usage);
            var parsed = WorkflowJson.Parse(ModelAnswer.ExtractJson(reply.Text));
            if (parsed.Workflow is { } workflow)
            {
                errors = [.. rules(workflow), .. await WorkflowValidator.ValidateAsync(workflow, tools, cancellationToken: cancellationToken)];
                if (errors.Count == 0)
                {
                    return new Outcome(workflow, [], usage, round + 1);
                }
            }
            else
            {
                errors = parsed.Errors;
            }
            messages.Add(new ChatMessage(ChatRole.Assistant, reply.Text ?? ""));
            messages.Add(new ChatMessage(ChatRole.User, PlannerPrompt.Repair(errors)));
        }
        var rounds = maxRepairRounds == 1 ? "1 repair round" : $"{maxRepairRounds} repair rounds";
        return new Outcome(null,
            [$"the model gave no valid workflow after {rounds} (Llm:MaxRepairRounds); its last answer's errors follow", .. errors.Select(e => e.ToString())],
            usage, maxRepairRounds + 1);
    }

    private static string Join(IEnumerable<ValidationError> errors) => string.Join("; ", errors);
}
