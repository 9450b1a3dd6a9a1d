using WorkflowStudio.Engine.Application;

namespace WorkflowStudio.Web.Mcp;

/// <summary>
/// The resource URIs of <c>/mcp</c>: <c>workflowstudio://runs/{runId}</c> (a run's result as JSON),
/// <c>workflowstudio://runs/{runId}/artefacts/{+path}</c> (a file the run produced, the same path as its download link) and
/// <c>workflowstudio://workflows/{workflowId}</c> (a saved workflow's definition). Segments are escaped as in URLs.
/// </summary>
internal static class McpResourceUris
{
    public const string Root = "workflowstudio://";
    public const string RunTemplate = Root + "runs/{runId}";
    public const string ArtefactTemplate = Root + "runs/{runId}/artefacts/{+path}";
    public const string WorkflowTemplate = Root + "workflows/{workflowId}";

    private const string RunsPrefix = Root + "runs/";
    private const string WorkflowsPrefix = Root + "workflows/";
    private const string ArtefactsSegment = "/artefacts/";

    public static string Run(string runId) => RunsPrefix + Uri.EscapeDataString(runId);

    public static string Artefact(string runId, RunArtefact artefact) => Root + artefact.DownloadPath(runId);

    public static string Workflow(string workflowId) => WorkflowsPrefix + Uri.EscapeDataString(workflowId);

    /// <summary>What a URI names; false when it is none of the three shapes.</summary>
    public static bool TryParse(string uri, out McpResourceAddress address)
    {
        address = default;
        if (uri.StartsWith(WorkflowsPrefix, StringComparison.Ordinal))
        {
            var id = uri[WorkflowsPrefix.Length..];
            address = new McpResourceAddress(null, Uri.UnescapeDataString(id), null);
            return id.Length > 0 && !id.Contains('/', StringComparison.Ordinal);
        }
        if (!uri.StartsWith(RunsPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = uri[RunsPrefix.Length..];
        var split = rest.IndexOf(ArtefactsSegment, StringComparison.Ordinal);
        var run = split < 0 ? rest : rest[..split];
        if (run.Length == 0 || run.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }
        var path = split < 0 ? null : string.Join('/', rest[(split + ArtefactsSegment.Length)..].Split('/').Select(Uri.UnescapeDataString));
        address = new McpResourceAddress(Uri.UnescapeDataString(run), null, path);
        return path is null || path.Length > 0;
    }
}
