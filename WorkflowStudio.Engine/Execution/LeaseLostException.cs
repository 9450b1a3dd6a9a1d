namespace WorkflowStudio.Engine.Execution;

/// <summary>A write of a running node was refused by its fence: the worker no longer holds the node's lease.</summary>
internal sealed class LeaseLostException(string runId, string nodeId)
    : Exception($"node '{nodeId}' of run {runId}: the lease was lost; another worker holds the node");
