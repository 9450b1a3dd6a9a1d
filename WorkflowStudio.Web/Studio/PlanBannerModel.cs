using System.Globalization;
using WorkflowStudio.Engine.Planning;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// What the studio's plan banner says about a plan, in plain words: how sure the planner is and which of the user's words
/// it matched. A weak plan (<see cref="PlanConfidence.IsWeak"/>, the engine's one threshold) is a suggestion the user
/// may take ("Use it anyway"); it is never put on the canvas under a success banner.
/// </summary>
public sealed record PlanBannerModel
{
    /// <summary>True for a weak match: the banner offers the plan instead of announcing it.</summary>
    public bool IsSuggestion { get; init; }
    public required string Headline { get; init; }

    /// <summary>The user's words the plan matched, and those it has nothing for (empty when the planner cannot say).</summary>
    public IReadOnlyList<string> MatchedWords { get; init; } = [];
    public IReadOnlyList<string> UnmatchedWords { get; init; } = [];

    /// <summary>"100 %"-style confidence; null when the planner reports none (a model's plan).</summary>
    public string? ConfidenceText { get; init; }

    public static PlanBannerModel Of(PlanResult result, string request)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Confidence is not { } confidence)
        {
            return new PlanBannerModel
            {
                Headline = $"Planned by the {PlannerName(result.Planner)}{(result.Explanation is null ? "." : $": {result.Explanation}")}",
            };
        }
        var percent = (confidence.Score * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
        var what = $"{confidence.MatchedKind} “{confidence.MatchedTitle}”";
        return confidence.IsWeak
            ? new PlanBannerModel
            {
                IsSuggestion = true,
                Headline = $"Closest {what} — not a good fit for “{Shorten(request)}”, so the canvas was left as it was.",
                MatchedWords = confidence.MatchedWords,
                UnmatchedWords = confidence.UnmatchedWords,
                ConfidenceText = percent,
            }
            : new PlanBannerModel
            {
                Headline = $"Planned from the {what}: a good fit for your request.",
                MatchedWords = confidence.MatchedWords,
                UnmatchedWords = confidence.UnmatchedWords,
                ConfidenceText = percent,
            };
    }

    private static string PlannerName(string planner) => planner switch
    {
        "llm" => "model planner",
        "template" => "offline planner",
        _ => $"{planner} planner",
    };

    private static string Shorten(string request)
    {
        var text = request.Trim();
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "…");
    }
}
