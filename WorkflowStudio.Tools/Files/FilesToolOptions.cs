namespace WorkflowStudio.Tools.Files;

/// <summary>The file tools' sandbox (configuration section <c>Tools:Files</c>).</summary>
public sealed class FilesToolOptions
{
    public const string SectionName = "Tools:Files";
    public const int DefaultMaxReadBytes = 1024 * 1024;
    public const int DefaultMaxWriteBytes = 10 * 1024 * 1024;

    /// <summary>The only folder the file tools may touch; default <c>&lt;DataDir&gt;/files</c>. Artefacts (charts, reports) go to its <c>artifacts/</c> folder.</summary>
    public string? Root { get; set; }

    /// <summary>Reads larger than this are truncated with a note.</summary>
    public int MaxReadBytes { get; set; } = DefaultMaxReadBytes;

    /// <summary>Writes larger than this are refused.</summary>
    public int MaxWriteBytes { get; set; } = DefaultMaxWriteBytes;
}
