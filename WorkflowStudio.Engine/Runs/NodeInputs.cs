using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs;

/// <summary>A node's own row and its dependencies' rows (outputs expanded), with the run's graph revision, read together.</summary>
public sealed record NodeInputs(int Revision, IReadOnlyList<NodeRunRecord> Nodes);
