using System.Globalization;
using System.Text;
using System.Text.Json;
using WorkflowStudio.Engine.Planning;

namespace WorkflowStudio.Tests.Planning;

/// <summary>
/// How a planner did on the eval set. A case <b>plans</b> when the planner returns a plan that is not weak
/// (<see cref="PlanConfidence.IsWeak"/>: surfaces offer a weak plan as "closest …, not a good fit" and never run it), and
/// <b>refuses</b> otherwise. An in-scope case is <b>right</b> when it plans into the expected template, or — for a tools
/// case — into a tool plan (not a template) that uses every expected tool. Inputs: the share of expected input values the
/// plan carries, over all in-scope cases that name any (a wrong or missing plan carries none).
/// </summary>
internal sealed record EvalScore(
    int Cases, int InScope, int OutOfScope, int Planned, int PlannedInScope, int RefusedOutOfScope, int Weak,
    int TemplateCases, int TemplatesRight, int ToolCases, int ToolsRight, int CompositionCases, int CompositionsRight,
    int InputValues, int InputValuesRight)
{
    public double PlanPrecision => Ratio(PlannedInScope, Planned);
    public double PlanRecall => Ratio(PlannedInScope, InScope);
    public double RefusalPrecision => Ratio(RefusedOutOfScope, Cases - Planned);
    public double RefusalRecall => Ratio(RefusedOutOfScope, OutOfScope);
    public double InScopeRight => Ratio(TemplatesRight + ToolsRight, InScope);
    public double TemplateAccuracy => Ratio(TemplatesRight, TemplateCases);
    public double ToolAccuracy => Ratio(ToolsRight, ToolCases);
    public double InputAccuracy => Ratio(InputValuesRight, InputValues);

    public static bool Plans(PlanResult result) => result.Succeeded && result.Confidence?.IsWeak != true;

    public static bool IsRight(EvalCase @case, PlanResult result)
    {
        if (@case.None || !Plans(result))
        {
            return @case.None && !Plans(result);
        }
        var workflow = result.Workflow!;
        if (@case.Template is { } id)
        {
            return (result.Confidence?.MatchedId ?? workflow.Name) == id;
        }
        var used = workflow.Nodes.Select(n => n.Tool).ToHashSet(StringComparer.Ordinal);
        return result.Confidence?.MatchedKind != "template" && @case.Tools.All(used.Contains);
    }

    public static int InputsRight(EvalCase @case, PlanResult result) =>
        !IsRight(@case, result) ? 0 : @case.Inputs.Count(p => result.Workflow!.Inputs.TryGetValue(p.Key, out var input)
            && input.Default is { } value && JsonElement.DeepEquals(value, p.Value));

    public static EvalScore Of(IReadOnlyList<(EvalCase Case, PlanResult Result)> rows)
    {
        var inScope = rows.Where(r => !r.Case.None).ToArray();
        var templates = inScope.Where(r => r.Case.Template is not null).ToArray();
        var tools = inScope.Where(r => r.Case.Template is null).ToArray();
        var compositions = tools.Where(r => r.Case.IsComposition).ToArray();
        return new EvalScore(
            rows.Count, inScope.Length, rows.Count - inScope.Length,
            rows.Count(r => Plans(r.Result)), inScope.Count(r => Plans(r.Result)), rows.Count(r => r.Case.None && !Plans(r.Result)),
            rows.Count(r => r.Result.Confidence?.IsWeak == true),
            templates.Length, templates.Count(r => IsRight(r.Case, r.Result)),
            tools.Length, tools.Count(r => IsRight(r.Case, r.Result)),
            compositions.Length, compositions.Count(r => IsRight(r.Case, r.Result)),
            inScope.Sum(r => r.Case.Inputs.Count), inScope.Sum(r => InputsRight(r.Case, r.Result)));
    }

    public string Summary(string planner) => string.Create(CultureInfo.InvariantCulture,
        $"{planner}: plans precision {PlanPrecision:P1} recall {PlanRecall:P1}; refuses {RefusedOutOfScope}/{OutOfScope} out-of-scope ({RefusalRecall:P1}, precision {RefusalPrecision:P1}); " +
        $"in-scope right {TemplatesRight + ToolsRight}/{InScope} ({InScopeRight:P1}); templates {TemplatesRight}/{TemplateCases} ({TemplateAccuracy:P1}); " +
        $"tools {ToolsRight}/{ToolCases} ({ToolAccuracy:P1}, compositions {CompositionsRight}/{CompositionCases}); inputs {InputValuesRight}/{InputValues} ({InputAccuracy:P1}); weak plans {Weak}");

    public static string Table(IEnumerable<(EvalCase Case, PlanResult Result)> rows)
    {
        var text = new StringBuilder();
        foreach (var (c, r) in rows)
        {
            var verdict = IsRight(c, r) ? "ok  " : "MISS";
            var got = r.Workflow is { } w
                ? $"{(r.Confidence?.IsWeak == true ? "(weak) " : "")}{r.Confidence?.MatchedId ?? w.Name} {r.Confidence?.Score:0.00} not covered: {string.Join(",", r.Confidence?.UnmatchedWords ?? [])}"
                : $"(no plan) {Cut(string.Join("; ", r.Errors).Replace(" Rephrase with the words of a template or tool (studio tools lists the tools), name a template, or configure a model (Llm:Model) for free-form planning.", ""), 260)}";
            var want = c.None ? "none" : c.Template ?? string.Join("+", c.Tools);
            text.AppendLine(CultureInfo.InvariantCulture, $"{verdict} {Cut(c.Request, 70),-70} want {want,-28} got {got}");
        }
        return text.ToString();
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
