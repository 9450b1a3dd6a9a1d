namespace WorkflowStudio.Engine.Runs.Events;

/// <summary>
/// The node's tool reported how far it got (an MCP server's <c>notifications/progress</c>): <see cref="Progress"/> of
/// <see cref="Total"/> when the server knows the total, with its message if it sent one.
/// </summary>
public sealed record NodeProgressed(string RunId, DateTimeOffset At, string Node, int Attempt, double Progress, double? Total, string? Message)
    : RunEvent(RunId, At)
{
    public const string Kind = "node_progressed";
    public override string EventKind => Kind;
    public override string? NodeId => Node;
}
