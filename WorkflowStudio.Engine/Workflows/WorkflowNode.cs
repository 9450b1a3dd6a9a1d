using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows;

/// <summary>One tool call in the graph.</summary>
public sealed record WorkflowNode
{
    public required string Id { get; init; }

    /// <summary><c>server/tool</c>; <c>server</c> is an <c>mcpServers</c> key or <c>builtin</c>.</summary>
    public required string Tool { get; init; }

    /// <summary>The arguments object; string values may contain bindings.</summary>
    public JsonElement? Args { get; init; }

    /// <summary>Explicit dependencies; bindings to <c>steps.ID</c> add implicit ones.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    public double? TimeoutSeconds { get; init; }
    public RetryPolicy? Retry { get; init; }
    public FallbackSpec? Fallback { get; init; }

    /// <summary>Reuse a successful call's output for a while instead of calling the tool again (read-only or idempotent tools).</summary>
    public NodeCache? Cache { get; init; }

    /// <summary>A binding; when it evaluates falsy the node (and its dependants) are skipped.</summary>
    public string? When { get; init; }
    public bool ContinueOnError { get; init; }

    /// <summary>
    /// <c>required</c>: the node waits for a person's approval before its tool is called; <c>auto</c>: never waits, even
    /// for a tool annotated destructive; null: waits only when the tool is annotated <c>destructiveHint: true</c>.
    /// </summary>
    public string? Approval { get; init; }

    public const string ApprovalRequired = "required";
    public const string ApprovalAuto = "auto";
    public string? Description { get; init; }
}
