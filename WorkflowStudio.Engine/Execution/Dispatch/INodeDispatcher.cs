namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>Hands ready nodes to the job system; each node id is dispatched once (the journal guarantees it).</summary>
internal interface INodeDispatcher
{
    void Dispatch(string runId, IEnumerable<string> nodeIds);
}
