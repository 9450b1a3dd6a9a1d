namespace WorkflowStudio.Engine.Runs;

/// <summary>An answer that applied: <see cref="Queued"/> when the node was queued to make its call again with it (else its call is in flight and reads it), and the answer event's sequence number.</summary>
public sealed record InputAnswerResult(bool Queued, long Seq);
