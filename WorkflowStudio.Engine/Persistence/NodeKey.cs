namespace WorkflowStudio.Engine.Persistence;

/// <summary>One node of one run.</summary>
public readonly record struct NodeKey(string RunId, string NodeId);
