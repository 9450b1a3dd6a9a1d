namespace WorkflowStudio.Engine.Application;

/// <summary>Media types of the files tools write, by extension (the rest is <c>application/octet-stream</c>).</summary>
internal static class ArtefactTypes
{
    public const string Unknown = "application/octet-stream";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".svg"] = "image/svg+xml",
        [".csv"] = "text/csv",
        [".txt"] = "text/plain",
        [".md"] = "text/markdown",
        [".html"] = "text/html",
        [".htm"] = "text/html",
        [".json"] = "application/json",
        [".xml"] = "application/xml",
        [".eml"] = "message/rfc822",
    };

    public static string Of(string fileName) => ByExtension.GetValueOrDefault(Path.GetExtension(fileName), Unknown);
}
