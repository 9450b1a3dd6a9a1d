using System.ComponentModel.DataAnnotations;

namespace WorkflowStudio.Engine.Planning;

/// <summary>Planner tuning and estimation defaults (configuration section <c>Planning</c>).</summary>
public sealed class PlanningOptions : IValidatableObject
{
    public const string SectionName = "Planning";
    public const double DefaultToolLatencyMsValue = 1000;
    public const double DefaultMinScore = 0.34;
    public const double DefaultConfidentScore = 0.6;
    public const int DefaultLatencySamples = 200;
    public const string SemanticRetrieval = "semantic";
    public const string LexicalRetrieval = "lexical";
    public const int DefaultModelCallInputTokens = 1500;
    public const int DefaultModelCallOutputTokens = 500;

    /// <summary>Estimated latency of a tool without measured history (the p50 of its journaled attempts otherwise).</summary>
    [Range(0, 86_400_000, ErrorMessage = "Planning:DefaultToolLatencyMs must be between 0 and 86400000.")]
    public double DefaultToolLatencyMs { get; set; } = DefaultToolLatencyMsValue;

    /// <summary>How many recent successful attempts per tool the p50 is taken over.</summary>
    [Range(1, 100_000, ErrorMessage = "Planning:LatencySamples must be between 1 and 100000.")]
    public int LatencySamples { get; set; } = DefaultLatencySamples;

    /// <summary>The offline planner's threshold: the share (0..1) of the request's weighted terms a template or tool must match.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Planning:MinScore must be between 0 and 1.")]
    public double MinScore { get; set; } = DefaultMinScore;

    /// <summary>
    /// The one place that says when a plan is weak: an offline plan whose score (the share of the request's weighted words
    /// matched, <see cref="PlanConfidence.Score"/>) is below this is offered as a suggestion, never auto-filled as a
    /// success. Between <see cref="MinScore"/> and this a plan is made but flagged weak; below <see cref="MinScore"/> none is made.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Planning:ConfidentScore must be between 0 and 1 (and at least Planning:MinScore).")]
    public double ConfidentScore { get; set; } = DefaultConfidentScore;

    /// <summary>
    /// How the offline planner finds templates and tools: <c>semantic</c> (default: the embedding model of the
    /// <c>Embeddings</c> section together with BM25, then a check that the request's asks are covered) or <c>lexical</c>
    /// (BM25 alone, the planner before embeddings; kept to measure against and for hosts that want no model loaded).
    /// </summary>
    public string Retrieval { get; set; } = SemanticRetrieval;

    internal bool IsLexical => string.Equals(Retrieval, LexicalRetrieval, StringComparison.OrdinalIgnoreCase);

    /// <summary>Tools that call a model (the complexity score's M). Prices count <c>Pricing:LlmTools</c>.</summary>
    public List<string> ModelTools { get; set; } = ["builtin/ai_chat"];

    /// <summary>Tokens a model node is assumed to send before the model has answered (the price before Run; the bill counts the real ones).</summary>
    [Range(0, 10_000_000, ErrorMessage = "Planning:ModelCallInputTokens must be between 0 and 10000000.")]
    public int ModelCallInputTokens { get; set; } = DefaultModelCallInputTokens;

    [Range(0, 10_000_000, ErrorMessage = "Planning:ModelCallOutputTokens must be between 0 and 10000000.")]
    public int ModelCallOutputTokens { get; set; } = DefaultModelCallOutputTokens;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.Equals(Retrieval, SemanticRetrieval, StringComparison.OrdinalIgnoreCase) && !IsLexical)
        {
            yield return new ValidationResult(
                $"Planning:Retrieval is '{Retrieval}'; use '{SemanticRetrieval}' (embeddings and BM25, the default) or '{LexicalRetrieval}' (BM25 only).",
                [nameof(Retrieval)]);
        }
        if (ConfidentScore < MinScore)
        {
            yield return new ValidationResult(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Planning:ConfidentScore ({ConfidentScore}) is below Planning:MinScore ({MinScore}); raise ConfidentScore (a plan below MinScore is never made)."),
                [nameof(ConfidentScore)]);
        }
    }
}
