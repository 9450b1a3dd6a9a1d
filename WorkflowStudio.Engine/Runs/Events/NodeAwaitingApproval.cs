using System.Text.Json;

namespace WorkflowStudio.Engine.Runs.Events;

/// <summary>
/// A node paused for a person's approval; <see cref="Reason"/> says why (required by the workflow, or a destructive tool)
/// and <see cref="Args"/> holds the bound arguments the tool will be called with once approved (the same arguments the
/// node's row keeps; absent in events journaled before they were carried).
/// </summary>
public sealed record NodeAwaitingApproval(string RunId, DateTimeOffset At, string Node, string Tool, string Reason, JsonElement? Args = null) : RunEvent(RunId, At)
{
    public const string Kind = "node_awaiting_approval";
    public override string EventKind => Kind;
    public override string? NodeId => Node;
}
