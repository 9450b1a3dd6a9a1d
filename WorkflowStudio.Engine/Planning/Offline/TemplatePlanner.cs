using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Planning.Ranking;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning.Offline;

/// <summary>
/// The offline, deterministic planner: ranks the template gallery and the tool catalog against the request (BM25,
/// thresholded by the weighted share of request terms matched), fills the chosen template's inputs from the request,
/// or calls the one best tool with its arguments as inputs; says which came closest when nothing fits.
/// </summary>
internal sealed partial class TemplatePlanner : IWorkflowPlanner, IWorkflowReplanner
{
    public const string Name = "template";
    private const int ClosestShown = 3;

    private readonly ITemplateCatalog _templates;
    private readonly IToolCatalog _tools;
    private readonly IPlanEstimator _estimator;
    private readonly PlanningOptions _options;
    private readonly TimeProvider _time;

    public TemplatePlanner(ITemplateCatalog templates, IToolCatalog tools, IPlanEstimator estimator, IOptions<PlanningOptions> options, TimeProvider time)
    {
        _templates = templates;
        _tools = tools;
        _estimator = estimator;
        _options = options.Value;
        _time = time;
    }

    public async ValueTask<PlanResult> PlanAsync(PlanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = await ToolCatalogReader.ReadAsync(_tools, cancellationToken);
        var values = RequestValues.Read(request.Request);
        if (request.TemplateId is { } id)
        {
            return _templates.Find(id) is { } chosen
                ? await FromTemplateAsync(chosen, request, values, $"template '{id}' (asked for by id)", snapshot, cancellationToken)
                : Fail($"There is no template '{id}'. Templates: {string.Join(", ", _templates.Templates.Select(t => t.Id))}.", snapshot);
        }
        var intent = values.Intent();
        var hits = Rank(intent, snapshot.Tools);
        // One shared word is a coincidence, not a fit, unless the request has only one word to share.
        var needed = Math.Min(2, TextTerms.Of(intent).Distinct().Count());
        var best = hits.FirstOrDefault(h => h.Coverage >= _options.MinScore && h.Matched.Count >= needed);
        if (best is null)
        {
            return Fail(NothingFits(request.Request, hits), snapshot);
        }
        var confidence = ConfidenceOf(best, intent);
        var why = string.Create(CultureInfo.InvariantCulture,
            $"score {confidence.Score:0.00}{(confidence.IsWeak ? ", a weak match" : "")} (matched your words: {string.Join(", ", confidence.MatchedWords)})");
        var plan = best.Item.Template is { } template
            ? await FromTemplateAsync(template, request, values, $"template '{template.Id}', {why}", snapshot, cancellationToken)
            : await FromToolAsync(best.Item.Tool!, request, values, $"tool '{best.Item.Tool!.FullName}', {why}", snapshot, cancellationToken);
        return plan.Succeeded ? plan with { Confidence = confidence } : plan;
    }

    /// <summary>Templates and tools in one index (one IDF), best first.</summary>
    private IReadOnlyList<RankedDocument<Candidate>> Rank(string request, IReadOnlyList<ToolDescriptor> tools)
    {
        var index = new Bm25Index<Candidate>();
        foreach (var template in _templates.Templates)
        {
            index.Add(new Candidate(template, null), CatalogDocuments.TermsOf(template));
        }
        foreach (var tool in tools)
        {
            index.Add(new Candidate(null, tool), CatalogDocuments.TermsOf(tool));
        }
        return index.Search(TextTerms.Of(request));
    }

    private string NothingFits(string request, IReadOnlyList<RankedDocument<Candidate>> hits)
    {
        static string Describe(RankedDocument<Candidate> h) => string.Create(CultureInfo.InvariantCulture,
            $"{(h.Item.Template is { } t ? $"template '{t.Id}'" : $"tool '{h.Item.Tool!.FullName}'")} {h.Coverage:0.00}");
        var closest = hits.Where(h => h.Item.Template is not null).Take(ClosestShown)
            .Concat(hits.Where(h => h.Item.Tool is not null).Take(ClosestShown))
            .OrderByDescending(h => h.Coverage).Select(Describe).ToArray();
        var near = closest.Length == 0
            ? "no template or tool shares a word with it"
            : $"closest: {string.Join(", ", closest)}";
        var threshold = _options.MinScore.ToString("0.00", CultureInfo.InvariantCulture);
        return $"Nothing fits \"{request}\" well enough for the offline planner (threshold {threshold}; {near}). " +
            "Rephrase with the words of a template or tool (studio tools lists the tools), name a template, or configure a model (Llm:Model) for free-form planning.";
    }

    private async ValueTask<PlanResult> FromTemplateAsync(WorkflowTemplate template, PlanRequest request, RequestValues values,
        string why, ToolCatalogReader.Snapshot snapshot, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var filled = InputFiller.Fill(template.Workflow.Inputs, values, _time.GetUtcNow().Year, notes);
        var unknown = request.Inputs.Keys.Where(k => !template.Workflow.Inputs.ContainsKey(k)).ToArray();
        if (unknown.Length > 0)
        {
            return Fail($"Template '{template.Id}' has no input {string.Join(", ", unknown.Select(u => $"'{u}'"))}; " +
                $"its inputs are: {string.Join(", ", template.Workflow.Inputs.Keys)}.", snapshot);
        }
        var inputs = template.Workflow.Inputs.ToDictionary(
            p => p.Key,
            p => request.Inputs.TryGetValue(p.Key, out var given) ? p.Value with { Default = InputCoercion.Coerce(given, p.Value.Type) }
                : filled.TryGetValue(p.Key, out var read) ? p.Value with { Default = read }
                : p.Value,
            StringComparer.Ordinal);
        var workflow = template.Workflow with { Inputs = inputs };
        var explanation = notes.Count > 0 ? $"{why}; inputs from the request: {string.Join(", ", notes)}" : why;
        return await FinishAsync(workflow, explanation, $"Template '{template.Id}'", snapshot, cancellationToken);
    }

    private async ValueTask<PlanResult> FinishAsync(WorkflowDefinition workflow, string explanation, string subject,
        ToolCatalogReader.Snapshot snapshot, CancellationToken cancellationToken)
    {
        var errors = await WorkflowValidator.ValidateAsync(workflow, _tools, cancellationToken: cancellationToken);
        if (errors.Count > 0)
        {
            return Fail($"{subject} does not validate against the configured tools: {string.Join("; ", errors)}", snapshot);
        }
        var missing = workflow.Inputs.Where(i => i.Value.IsRequired).Select(i => i.Key).ToArray();
        if (missing.Length > 0)
        {
            explanation += $"; still needs {string.Join(", ", missing.Select(m => $"--input {m}=..."))}";
        }
        return new PlanResult
        {
            Planner = Name,
            PlanId = NewPlanId(),
            Workflow = workflow,
            Metadata = await _estimator.EstimateAsync(workflow, cancellationToken),
            Explanation = explanation,
            Warnings = snapshot.Unavailable,
        };
    }

    private static PlanResult Fail(string error, ToolCatalogReader.Snapshot snapshot) =>
        new() { Planner = Name, PlanId = NewPlanId(), Errors = [error], Warnings = snapshot.Unavailable };

    internal static string NewPlanId() => Guid.NewGuid().ToString("N");

    private sealed record Candidate(WorkflowTemplate? Template, ToolDescriptor? Tool);
}
