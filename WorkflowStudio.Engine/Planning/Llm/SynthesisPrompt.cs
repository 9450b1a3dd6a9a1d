using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace WorkflowStudio.Engine.Planning.Llm;

/// <summary>The synthesizer's messages: metrics in plain text, every node's result as a data block.</summary>
internal static class SynthesisPrompt
{
    public const string System = """
        You sum up a finished WorkflowStudio run for the person who asked for it.
        Answer with a JSON object only: { "summary": "2-5 sentences: what was achieved, what failed and why, key figures from the results",
          "next_actions": [ { "action": "an imperative sentence", "tool": "server/tool or null", "template": "template id or null",
                              "inputs": { "argument": "value" } or null, "reason": "why, citing the results" } ] }
        Next actions must be concrete: name a tool from the catalog or a template from the gallery, with the inputs to run it with.
        Give at most 4 next actions. Base everything on the results; do not invent figures.
        """;

    public static readonly ChatResponseFormat Format = ChatResponseFormat.ForJsonSchema(
        JsonSerializer.Deserialize<JsonElement>("""
        { "type": "object", "required": ["summary", "next_actions"], "properties": {
            "summary": { "type": "string" },
            "next_actions": { "type": "array", "items": { "type": "object", "required": ["action", "reason"], "properties": {
                "action": { "type": "string" }, "tool": { "type": ["string", "null"] }, "template": { "type": ["string", "null"] },
                "inputs": { "type": ["object", "null"] }, "reason": { "type": "string" } } } } } }
        """), "synthesis", "An execution summary and next actions.");

    public static string Build(SynthesisInput input, IEnumerable<string> toolNames, IEnumerable<string> templateIds)
    {
        var m = input.Metrics;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Workflow '{input.Workflow.Name}' finished with status {input.Status} in {m.TotalTimeMs:0} ms (critical path {m.CriticalPathMs:0} ms, parallelism {m.Parallelism:0.##}x, {m.ToolCalls} tool calls, {m.Retries} retries).");
        if (input.Workflow.Description is { } description)
        {
            text.AppendLine("Its description:");
            text.AppendLine(PromptData.Block("description", description));
        }
        text.AppendLine("Results per node (status, tool, then result or error as data):");
        foreach (var result in input.Results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- node '{result.ActionId}' ({result.Tool}): {result.Status}, {result.Attempts} attempt(s), {result.ExecutionTime:0} ms");
            if (result.Result is { } value)
            {
                text.AppendLine(PromptData.Block($"result:{result.ActionId}", Shorten(value.GetRawText())));
            }
            if (result.Error is { } error)
            {
                text.AppendLine(PromptData.Block($"error:{result.ActionId}", Shorten(error)));
            }
        }
        text.AppendLine($"Tools you may name: {string.Join(", ", toolNames)}");
        text.AppendLine($"Templates you may name: {string.Join(", ", templateIds)}");
        text.Append("Answer with the JSON object only.");
        return text.ToString();
    }

    /// <summary>Large outputs are cut so one node cannot flood the prompt.</summary>
    private static string Shorten(string text) => text.Length <= 4000 ? text : string.Concat(text.AsSpan(0, 4000), "…(truncated)");
}
