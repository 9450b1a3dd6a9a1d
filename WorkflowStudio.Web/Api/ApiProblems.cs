using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Api;

/// <summary>RFC 9457 problem details for the API's refusals, each saying what is wrong and how to fix it.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem($"No {what} '{id}' in this tenant.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    /// <summary>Invalid workflow or inputs: <c>errors</c> lists <c>JSONPATH: message</c> lines, as the CLI prints them.</summary>
    public static ProblemHttpResult Invalid(IReadOnlyList<ValidationError> errors) =>
        TypedResults.Problem(
            $"The workflow or its inputs are invalid ({errors.Count} error{(errors.Count == 1 ? "" : "s")}); fix each path listed in 'errors'.",
            statusCode: StatusCodes.Status400BadRequest, title: "Invalid workflow",
            extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => e.ToString()).ToArray() });

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    /// <summary>409 for an approve or reject that did not apply; when another decision won, the body says which, by whom and when.</summary>
    public static ProblemHttpResult DecisionConflict(Engine.Runs.ApprovalException exception) =>
        exception.Winner is not { } winner
            ? Conflict(exception.Message)
            : TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status409Conflict, title: "Decided already",
                extensions: new Dictionary<string, object?>
                {
                    ["decision"] = winner.Decision, ["decidedBy"] = winner.DecidedBy, ["decidedAt"] = winner.DecidedAt,
                });

    /// <summary>429 for a usage quota, 402 for an exhausted plan; the body names the limit, its value, the use and the reset time.</summary>
    public static ProblemHttpResult Quota(QuotaDecision decision, HttpContext context)
    {
        var resets = decision.ResetsAt ?? DateTimeOffset.UtcNow;
        var status = decision.PlanExhausted ? StatusCodes.Status402PaymentRequired : StatusCodes.Status429TooManyRequests;
        var retryAfter = Math.Max(1, (long)Math.Ceiling((resets - DateTimeOffset.UtcNow).TotalSeconds));
        context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            decision.PlanExhausted
                ? $"The plan's monthly spend limit of ${decision.LimitValue} is used up (${decision.Used}); it resets at {resets:O}. Raise Pricing:Tiers:TIER:MonthlySpendLimitUsd or change the tenant's tier."
                : $"The monthly quota '{decision.Limit}' of {decision.LimitValue} is used up ({decision.Used}); it resets at {resets:O}.",
            statusCode: status, title: decision.PlanExhausted ? "Plan exhausted" : "Quota exceeded",
            extensions: new Dictionary<string, object?>
            {
                ["limit"] = decision.Limit, ["limitValue"] = decision.LimitValue, ["used"] = decision.Used, ["resetsAt"] = resets,
            });
    }
}
