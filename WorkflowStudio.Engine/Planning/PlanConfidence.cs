namespace WorkflowStudio.Engine.Planning;

/// <summary>
/// How sure a planner is of its plan, and what it matched: the offline planner's score of the chosen template, tool or
/// chain of tools (<see cref="Score"/>, 0..1: meaning, shared words and the share of the request's asks covered), and the
/// request's own words on each side. A
/// weak plan (<see cref="IsWeak"/>: below <see cref="PlanningOptions.ConfidentScore"/>) is a suggestion, not an answer:
/// surfaces offer it ("closest template: …, not a good fit") and never present it as a success.
/// </summary>
public sealed record PlanConfidence
{
    /// <summary>How well the choice fits (0..1): embedding similarity, BM25 word share and the share of the request's asks it covers.</summary>
    public required double Score { get; init; }

    /// <summary>The score below which a plan is weak (<see cref="PlanningOptions.ConfidentScore"/> when it was made).</summary>
    public required double ConfidentScore { get; init; }
    public bool IsWeak => Score < ConfidentScore;

    /// <summary><c>template</c>, <c>tool</c>, or <c>tools</c> (a chain of tools that together cover the request).</summary>
    public required string MatchedKind { get; init; }

    /// <summary>The template's or tool's id (<c>sales-intelligence</c>, <c>builtin/echo</c>).</summary>
    public required string MatchedId { get; init; }

    /// <summary>Its title for people (<c>Sales intelligence</c>).</summary>
    public required string MatchedTitle { get; init; }

    /// <summary>The request's words (as the user wrote them) that the template or tool shares, in request order.</summary>
    public IReadOnlyList<string> MatchedWords { get; init; } = [];

    /// <summary>The request's meaningful words it does not share (stop words, and values and ids — words with a digit — left out).</summary>
    public IReadOnlyList<string> UnmatchedWords { get; init; } = [];

    /// <summary>
    /// Why a weak plan is not run unasked and what to do instead (review it, run the match by its id, or rephrase); null when
    /// the plan is not weak. Surfaces that plan and run in one step (orchestrate) answer with this instead of running.
    /// </summary>
    public string? RefusalToRun() => !IsWeak
        ? null
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Not run: the closest {MatchedKind}, '{MatchedTitle}' ({MatchedId}), is not a good fit for the request: it scores {Score:P0}, below the {ConfidentScore:P0} a plan needs")
          + (UnmatchedWords.Count > 0 ? $"; not covered: {string.Join(", ", UnmatchedWords)}" : "")
          + ". Review the plan first (plan_workflow, POST /api/plan or 'studio plan') and start it by its id if it is what you want, or say more precisely what to do.";
}
