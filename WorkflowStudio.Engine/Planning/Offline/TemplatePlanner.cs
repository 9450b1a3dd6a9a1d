using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Planning.Ranking;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning.Offline;

/// <summary>
/// The offline, deterministic planner: finds the template or tools that fit the request (by embeddings and BM25, then a
/// check that every ask of the request is covered; or BM25 alone with <c>Planning:Retrieval</c> = <c>lexical</c>), fills
/// the chosen template's inputs from the request, calls the best tool, or chains the few tools that together cover it;
/// says which came closest, and what is missing, when nothing fits.
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
    private readonly EmbeddingCache _embeddings;

    public TemplatePlanner(ITemplateCatalog templates, IToolCatalog tools, IPlanEstimator estimator, IOptions<PlanningOptions> options, TimeProvider time,
        IEmbeddingGenerator<string, Embedding<float>> embeddings)
    {
        _templates = templates;
        _tools = tools;
        _estimator = estimator;
        _options = options.Value;
        _time = time;
        _embeddings = new EmbeddingCache(embeddings);
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
        return _options.IsLexical
            ? await PlanLexicalAsync(request, values, snapshot, cancellationToken)
            : await PlanSemanticAsync(request, values, snapshot, cancellationToken);
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

    /// <summary>A template or a tool the planner may choose, with its texts worked out once per request.</summary>
    private sealed class Candidate(WorkflowTemplate? template, ToolDescriptor? tool)
    {
        private IReadOnlyList<string>? _chunks;
        private IReadOnlyList<string>? _vocabulary;
        private List<string>? _termList;
        private HashSet<string>? _terms;

        public WorkflowTemplate? Template { get; } = template;
        public ToolDescriptor? Tool { get; } = tool;
        public string Id => Template?.Id ?? Tool!.FullName;
        public string Title => Template?.Title ?? Tool!.Title ?? Tool!.FullName;
        public IReadOnlyList<string> Chunks => _chunks ??= Template is { } t ? CandidateTexts.Chunks(t) : CandidateTexts.Chunks(Tool!);
        public IReadOnlyList<string> Vocabulary => _vocabulary ??= Template is { } t ? CandidateTexts.Vocabulary(t) : CandidateTexts.Vocabulary(Tool!);
        /// <summary>Its searchable terms with repeats (BM25 counts them).</summary>
        public List<string> TermList => _termList ??= (Template is { } t ? CatalogDocuments.TermsOf(t) : CatalogDocuments.TermsOf(Tool!)).ToList();
        public HashSet<string> Terms => _terms ??= TermList.ToHashSet(StringComparer.Ordinal);
    }
}
