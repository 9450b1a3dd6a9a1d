namespace WorkflowStudio.Engine.Application;

/// <summary>
/// A file one node of a run named in its output (a report, a chart, a written file) that exists in the run's tenant's files
/// root. <see cref="Path"/> is relative to that root with forward slashes, and is what <see cref="TenantRuns.OpenArtefactAsync"/> takes.
/// </summary>
public sealed record RunArtefact(string NodeId, string Tool, string Path, string Name, long Bytes)
{
    /// <summary>The media type by the file's extension; <c>application/octet-stream</c> for an unknown one.</summary>
    public string ContentType => ArtefactTypes.Of(Name);

    /// <summary>Whether it is a picture a page can show (PNG, JPEG, GIF, WebP, SVG).</summary>
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary><c>runs/RUN/artefacts/PATH</c>, each segment escaped, relative to the site's base address: served as an attachment.</summary>
    public string DownloadPath(string runId) =>
        $"runs/{Uri.EscapeDataString(runId)}/artefacts/{string.Join('/', Path.Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>The same file shown in the browser (<c>?inline=true</c>); only images and PDFs have one.</summary>
    public string? PreviewPath(string runId) =>
        IsImage || ContentType == "application/pdf" ? DownloadPath(runId) + "?inline=true" : null;
}
