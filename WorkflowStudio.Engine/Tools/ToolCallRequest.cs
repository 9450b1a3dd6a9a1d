using System.Text.Json;

namespace WorkflowStudio.Engine.Tools;

/// <summary>One call of one tool.</summary>
public sealed record ToolCallRequest
{
    public required string Server { get; init; }
    public required string Tool { get; init; }

    /// <summary>The arguments object, bindings already resolved.</summary>
    public required JsonElement Arguments { get; init; }

    /// <summary>Stable per node (<c>runId:nodeId</c>); sent in <c>_meta</c> so tools can de-duplicate.</summary>
    public string? IdempotencyKey { get; init; }

    public const string IdempotencyMetaKey = "io.workflowstudio/idempotency-key";
}
