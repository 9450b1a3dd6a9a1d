using System.Text.Json.Serialization;

namespace WorkflowStudio.Engine.Runs.Events;

/// <summary>Something that happened in a run, journaled before it is published. Past-tense records, one per kind.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunStarted), RunStarted.Kind)]
[JsonDerivedType(typeof(NodeStarted), NodeStarted.Kind)]
[JsonDerivedType(typeof(NodeAttemptFailed), NodeAttemptFailed.Kind)]
[JsonDerivedType(typeof(NodeProgressed), NodeProgressed.Kind)]
[JsonDerivedType(typeof(NodeFinished), NodeFinished.Kind)]
[JsonDerivedType(typeof(NodeSkipped), NodeSkipped.Kind)]
[JsonDerivedType(typeof(RunFinished), RunFinished.Kind)]
[JsonDerivedType(typeof(NodeAwaitingApproval), NodeAwaitingApproval.Kind)]
[JsonDerivedType(typeof(NodeApprovalDecided), NodeApprovalDecided.Kind)]
[JsonDerivedType(typeof(NodeAwaitingInput), NodeAwaitingInput.Kind)]
[JsonDerivedType(typeof(NodeInputAnswered), NodeInputAnswered.Kind)]
[JsonDerivedType(typeof(RunCancelRequested), RunCancelRequested.Kind)]
[JsonDerivedType(typeof(RunRevised), RunRevised.Kind)]
public abstract record RunEvent(string RunId, DateTimeOffset At)
{
    /// <summary>The journal's sequence number (set once journaled; increasing, so clients can resume after the last one they saw).</summary>
    public long Seq { get; init; }

    [JsonIgnore]
    public abstract string EventKind { get; }

    [JsonIgnore]
    public virtual string? NodeId => null;
}
