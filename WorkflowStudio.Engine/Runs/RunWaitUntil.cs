using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Execution;
namespace WorkflowStudio.Engine.Runs;

/// <summary>When <see cref="IRunCoordinator.WaitAsync"/> stops waiting.</summary>
public enum RunWaitUntil
{
    /// <summary>The run reached a final state.</summary>
    Finished,

    /// <summary>The run reached a final state, or a node waits for a person (an approval, or an answer to a tool server's question).</summary>
    FinishedOrAwaitingApproval,
}
