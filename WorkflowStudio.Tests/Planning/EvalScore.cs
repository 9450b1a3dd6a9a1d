using System.Globalization;
using System.Text;
using System.Text.Json;
using WorkflowStudio.Engine.Planning;

namespace WorkflowStudio.Tests.Planning;

/// <summary>
/// Scores one plan against its case (0..1): "none" cases score 1 when no plan was made; otherwise the F1 of the plan's
/// tools against the expected tools (a template's tools when a template is expected), averaged with the share of
/// expected input values the plan carries, when the case names any.
/// </summary>
internal static class EvalScore
{
    public static double Score(EvalCase @case, PlanResult result, EvalSet set)
    {
        if (@case.None)
        {
            return result.Succeeded ? 0 : 1;
        }
        if (result.Workflow is not { } workflow)
        {
            return 0;
        }
        var expected = (@case.Template is { } id ? set.Templates.Single(t => t.Id == id).Workflow.Nodes.Select(n => n.Tool) : @case.Tools)
            .ToHashSet(StringComparer.Ordinal);
        var used = workflow.Nodes.Select(n => n.Tool).ToHashSet(StringComparer.Ordinal);
        var hits = used.Count(expected.Contains);
        var f1 = hits == 0 ? 0 : 2.0 * hits / (used.Count + expected.Count);
        if (@case.Inputs.Count == 0)
        {
            return f1;
        }
        var right = @case.Inputs.Count(p => workflow.Inputs.TryGetValue(p.Key, out var input)
            && input.Default is { } value && JsonElement.DeepEquals(value, p.Value));
        return (f1 + (double)right / @case.Inputs.Count) / 2;
    }

    public static string Table(IEnumerable<(EvalCase Case, PlanResult Result, double Score)> rows)
    {
        var text = new StringBuilder();
        foreach (var (c, r, s) in rows)
        {
            var got = r.Workflow is { } w
                ? $"{string.Join(",", w.Nodes.Select(n => n.Tool).Distinct().Take(4))} {r.Explanation}"
                : $"(no plan) {string.Join("; ", r.Errors)}";
            text.AppendLine(CultureInfo.InvariantCulture, $"{s,5:0.00}  {c.Request,-70}  {got}");
        }
        return text.ToString();
    }
}
