using WorkflowStudio.Engine.Application;

namespace WorkflowStudio.Web.Studio;

/// <summary>The pages' links to a run's artefacts (relative to the base address, like the JSON download): download and preview.</summary>
internal static class ArtefactLinks
{
    /// <summary><c>runs/RUN/artefacts/PATH</c>, each segment escaped: served as an attachment.</summary>
    public static string Download(string runId, RunArtefact artefact) =>
        $"runs/{Uri.EscapeDataString(runId)}/artefacts/{string.Join('/', artefact.Path.Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>Shown in the browser (<c>?inline=true</c>); only images and PDFs have one.</summary>
    public static string? Preview(string runId, RunArtefact artefact) =>
        artefact.IsImage || artefact.ContentType == "application/pdf" ? Download(runId, artefact) + "?inline=true" : null;

    /// <summary>A size for people: 812 B, 14.2 KB, 3.1 MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024d:0.#} KB"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024d * 1024):0.#} MB"),
    };
}
