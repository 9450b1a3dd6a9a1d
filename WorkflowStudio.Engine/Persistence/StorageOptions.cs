using System.ComponentModel.DataAnnotations;

namespace WorkflowStudio.Engine.Persistence;

/// <summary>Journal limits (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const int DefaultMaxInlineOutputBytes = 256 * 1024;

    /// <summary>Node outputs larger than this are stored once by reference so the run journal stays small.</summary>
    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "Storage:MaxInlineOutputBytes must be between 1024 and 67108864 bytes.")]
    public int MaxInlineOutputBytes { get; set; } = DefaultMaxInlineOutputBytes;
}
