namespace WorkflowStudio.Web.Studio;

/// <summary>How the pages show a run's artefacts to people (their links come from <c>RunArtefact.DownloadPath</c>/<c>PreviewPath</c>).</summary>
internal static class ArtefactLinks
{
    /// <summary>A size for people: 812 B, 14.2 KB, 3.1 MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024d:0.#} KB"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024d * 1024):0.#} MB"),
    };
}
