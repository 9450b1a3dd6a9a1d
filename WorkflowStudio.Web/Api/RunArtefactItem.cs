namespace WorkflowStudio.Web.Api;

/// <summary>
/// One file a run produced, in <c>GET /api/runs/{runId}/artefacts</c>: the node that named it, its path in the tenant's files
/// root, size and media type, and where to download it (<see cref="PreviewUrl"/> for images and PDFs, shown inline).
/// </summary>
internal sealed record RunArtefactItem(
    string NodeId, string Tool, string Path, string Name, long Bytes, string ContentType, string DownloadUrl, string? PreviewUrl);
