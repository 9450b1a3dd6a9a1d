using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs;

/// <summary>One node of one run.</summary>
public readonly record struct NodeKey(string RunId, string NodeId);
