using System.Text.Json;
using Microsoft.Extensions.AI;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Planning.Llm;

/// <summary>
/// The execution summary and next actions written by the model from the results (tool outputs as data blocks).
/// Next actions naming a tool or template that does not exist are dropped, so text inside a tool output cannot
/// smuggle an action in; any model failure falls back to the deterministic synthesis with a note saying why.
/// </summary>
internal sealed class LlmSynthesizer : ISynthesizer
{
    private readonly ModelCaller _caller;
    private readonly IToolCatalog _tools;
    private readonly ITemplateCatalog _templates;
    private readonly DeterministicSynthesizer _fallback = new();

    public LlmSynthesizer(ModelCaller caller, IToolCatalog tools, ITemplateCatalog templates)
    {
        _caller = caller;
        _tools = tools;
        _templates = templates;
    }

    public async ValueTask<Synthesis> SynthesizeAsync(SynthesisInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var snapshot = await ToolCatalogReader.ReadAsync(_tools, cancellationToken);
        var toolNames = snapshot.Tools.Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);
        var templateIds = _templates.Templates.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        ChatMessage[] messages =
        [
            new(ChatRole.System, $"{SynthesisPrompt.System}\n{PromptData.Rule}"),
            new(ChatRole.User, SynthesisPrompt.Build(input, toolNames.Order(StringComparer.Ordinal), templateIds.Order(StringComparer.Ordinal))),
        ];
        var reply = await _caller.CompleteAsync(messages, SynthesisPrompt.Format,
            new ChatUsage { Purpose = UsagePurpose.Synthesis, RunId = input.RunId, TenantId = input.TenantId }, cancellationToken);
        if (!reply.Succeeded)
        {
            return await FallbackAsync(input, reply.Error!, cancellationToken);
        }
        var answer = Read(reply.Text);
        if (answer is null)
        {
            return await FallbackAsync(input, "the model's answer was not the expected JSON", cancellationToken);
        }
        var actions = answer.Value.Actions
            .Where(a => (a.Tool is null || toolNames.Contains(a.Tool)) && (a.Template is null || templateIds.Contains(a.Template)))
            .ToArray();
        return new Synthesis(answer.Value.Summary, actions);
    }

    private async ValueTask<Synthesis> FallbackAsync(SynthesisInput input, string why, CancellationToken cancellationToken)
    {
        var deterministic = await _fallback.SynthesizeAsync(input, cancellationToken);
        return deterministic with { ExecutionSummary = $"{deterministic.ExecutionSummary} (Deterministic summary: {why}.)" };
    }

    private static (string Summary, List<NextAction> Actions)? Read(string? text)
    {
        try
        {
            using var document = JsonDocument.Parse(ModelAnswer.ExtractJson(text));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("summary", out var summary) || summary.ValueKind != JsonValueKind.String)
            {
                return null;
            }
            var actions = new List<NextAction>();
            if (root.TryGetProperty("next_actions", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    if (String(item, "action") is not { } action)
                    {
                        continue;
                    }
                    actions.Add(new NextAction
                    {
                        Action = action,
                        Tool = String(item, "tool"),
                        Template = String(item, "template"),
                        Inputs = item.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Object ? inputs.Clone() : null,
                        Reason = String(item, "reason") ?? "suggested by the model",
                    });
                }
            }
            return (summary.GetString()!, actions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
