using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Auth;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Hosting;

/// <summary>
/// Downloads linked from the run and studio pages (result JSON, workflow JSON, a run's artefacts); another tenant's run or
/// workflow answers 404 like a missing one.
/// </summary>
internal static class RunDownloads
{
    /// <summary>Where a run's artefacts are downloaded: <c>/runs/RUN/artefacts/PATH</c>, <c>?inline=true</c> to preview.</summary>
    public const string ArtefactRoute = "/runs/{runId}/artefacts/{**path}";

    /// <summary>
    /// Served with every artefact but a PDF: SVG (and HTML) can carry script, so a file opened on its own runs none and loads
    /// nothing (<c>sandbox</c>); images still show. A PDF goes without it: Chromium's viewer refuses sandboxed documents, and
    /// the viewer runs none of the PDF's script in the studio's origin.
    /// </summary>
    public const string ArtefactContentSecurityPolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

    /// <summary>Media types a browser shows itself and that carry no script the policy above would not stop: may be opened inline.</summary>
    private static readonly HashSet<string> InlineTypes = new(StringComparer.Ordinal)
    {
        "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml",
    };

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

    /// <summary>
    /// One file the run produced (<see cref="TenantRuns.OpenArtefactAsync"/>): an attachment, or with <c>?inline=true</c> shown in
    /// the browser when it is an image or a PDF. A path that is not one of the run's artefacts answers 404 like a missing run.
    /// </summary>
    public static async Task<Results<FileStreamHttpResult, NotFound<string>>> ArtefactAsync(
        string runId, string? path, bool? inline, HttpContext context, RunFrontDoor front, CancellationToken cancellationToken)
    {
        var file = string.IsNullOrEmpty(path)
            ? null
            : await front.For(StudioCaller.Of(context.User).TenantId).OpenArtefactAsync(runId, path, cancellationToken);
        if (file is null)
        {
            return TypedResults.NotFound($"Run '{runId}' has no artefact '{path}' in this tenant; GET /api/runs/{runId}/artefacts lists its files.");
        }
        context.Response.RegisterForDisposeAsync(file);
        var artefact = file.Artefact;
        var shown = inline == true && InlineTypes.Contains(artefact.ContentType);
        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        if (artefact.ContentType != "application/pdf")
        {
            headers[HeaderNames.ContentSecurityPolicy] = ArtefactContentSecurityPolicy;
        }
        if (shown)
        {
            var disposition = new ContentDispositionHeaderValue("inline");
            disposition.SetHttpFileName(artefact.Name);
            headers[HeaderNames.ContentDisposition] = disposition.ToString();
        }
        return TypedResults.File(file.Content, artefact.ContentType, shown ? null : artefact.Name, enableRangeProcessing: true);
    }
}
