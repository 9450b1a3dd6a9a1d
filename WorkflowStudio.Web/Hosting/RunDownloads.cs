using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Auth;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Hosting;

/// <summary>JSON downloads linked from the run and studio pages; another tenant's run or workflow answers 404 like a missing one.</summary>
internal static class RunDownloads
{
    /// <summary>The run's seed-shaped result (snake_case), as <c>studio show RUN --json</c> prints it.</summary>
    public static async Task<Results<FileContentHttpResult, NotFound<string>>> ResultAsync(
        string runId, HttpContext context, RunFrontDoor front, CancellationToken cancellationToken)
    {
        var result = await front.For(StudioCaller.Of(context.User).TenantId).GetResultAsync(runId, cancellationToken);
        if (result is null)
        {
            return TypedResults.NotFound($"No run with id '{runId}'.");
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(result, EngineJson.Indented.RunResult);
        return TypedResults.File(bytes, "application/json", $"run-{runId}.json");
    }

    /// <summary>A saved workflow in our format; <c>?version=N</c> for an older version.</summary>
    public static async Task<Results<FileContentHttpResult, NotFound<string>>> WorkflowAsync(
        string workflowId, int? version, HttpContext context, RunFrontDoor front, CancellationToken cancellationToken)
    {
        var saved = await front.For(StudioCaller.Of(context.User).TenantId).FindWorkflowAsync(workflowId, version, cancellationToken);
        if (saved is null)
        {
            return TypedResults.NotFound(version is null
                ? $"No saved workflow with id '{workflowId}'."
                : $"Saved workflow '{workflowId}' has no version {version}.");
        }
        var bytes = System.Text.Encoding.UTF8.GetBytes(WorkflowJson.Serialize(saved.Definition));
        return TypedResults.File(bytes, "application/json", $"{saved.Name}-v{saved.Version}.json");
    }
}
