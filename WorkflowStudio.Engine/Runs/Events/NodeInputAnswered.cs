namespace WorkflowStudio.Engine.Runs.Events;

/// <summary>A person answered a node's question: <see cref="Action"/> is accept, decline or cancel (the content is not carried).</summary>
public sealed record NodeInputAnswered(string RunId, DateTimeOffset At, string Node, string Action, string AnsweredBy) : RunEvent(RunId, At)
{
    public const string Kind = "node_input_answered";
    public override string EventKind => Kind;
    public override string? NodeId => Node;
}
