namespace WorkflowStudio.Engine.Application;

/// <summary>One journaled event of a run as a follower reads it: its sequence number, its kind (<c>type</c>) and its JSON.</summary>
internal readonly record struct JournaledEvent(long Seq, string Kind, string Data);
