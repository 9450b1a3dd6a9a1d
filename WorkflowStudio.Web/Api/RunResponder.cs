using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// Turns a start outcome into the HTTP answer: the result (sync; also when a node awaits approval), 202 + Location
/// (async, or a sync run still going after Api:SyncTimeoutSeconds), or a problem.
/// </summary>
internal sealed class RunResponder(IOptions<ApiOptions> options)
{
    public async Task<Results<JsonHttpResult<RunResult>, Accepted<RunAccepted>, ProblemHttpResult>> RespondAsync(
        TenantRuns runs, RunStartOutcome outcome, string mode, HttpContext context)
    {
        if (outcome.Quota is { } quota)
        {
            return ApiProblems.Quota(quota, context);
        }
        if (outcome.Conflict is { } conflict)
        {
            return ApiProblems.Conflict(conflict);
        }
        if (outcome.Errors.Count > 0 || outcome.RunId is null)
        {
            return ApiProblems.Invalid(outcome.Errors);
        }
        var runId = outcome.RunId;
        var location = $"/api/runs/{runId}";
        context.Response.Headers["X-Run-Id"] = runId;
        if (mode == RunModes.Sync)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            wait.CancelAfter(TimeSpan.FromSeconds(options.Value.SyncTimeoutSeconds));
            try
            {
                // The result, or the result so far when a node waits for a person's approval (approve, then follow the events).
                var result = await runs.WaitAsync(runId, RunWaitUntil.FinishedOrAwaitingApproval, cancellationToken: wait.Token);
                context.Response.Headers.Location = location;
                return result is null ? ApiProblems.NotFound("run", runId) : TypedResults.Json(result, EngineJson.Default.RunResult);
            }
            catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
            {
                // Still running after the sync wait: answer like async; the run goes on.
            }
        }
        return TypedResults.Accepted(location, new RunAccepted(runId, RunStatus.Running, location, $"{location}/events", outcome.Reused));
    }

    /// <summary>Null when the mode is valid; otherwise the problem.</summary>
    public static ProblemHttpResult? CheckMode(string? mode) =>
        mode is null or RunModes.Sync or RunModes.Async ? null : ApiProblems.BadRequest($"'mode' must be 'sync' or 'async'; got '{mode}'.");
}
