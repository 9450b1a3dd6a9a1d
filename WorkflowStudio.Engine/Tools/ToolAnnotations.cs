namespace WorkflowStudio.Engine.Tools;

/// <summary>MCP tool annotations (hints; null = the server did not say).</summary>
public sealed record ToolAnnotations
{
    public bool? ReadOnly { get; init; }
    public bool? Destructive { get; init; }
    public bool? Idempotent { get; init; }
    public bool? OpenWorld { get; init; }

    public static ToolAnnotations Unknown { get; } = new();

    /// <summary>May be called again after an unknown outcome (timeout, lost connection) without harm.</summary>
    public bool SafeToRepeat => ReadOnly == true || Idempotent == true;

    /// <summary>Explicitly annotated <c>destructiveHint: true</c> (and not read-only).</summary>
    public bool IsDestructive => ReadOnly != true && Destructive == true;
}
