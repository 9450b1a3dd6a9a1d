using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs;

/// <summary>
/// A run event to append to the journal in the same transaction as the state change it reports, so that the row and
/// its event are written together or not at all (<see cref="IRunStateStore"/> returns its sequence number after the commit).
/// </summary>
public sealed record JournalEntry(string RunId, long At, string Kind, string? NodeId, string Data, string Origin);
