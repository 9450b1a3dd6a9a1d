namespace WorkflowStudio.Engine.Execution.CrashPoints;

/// <summary>A named moment in a node's or a run's life where a crash must leave the journal recoverable.</summary>
internal enum CrashPoint
{
    /// <summary>The node's start (lease, attempt, NodeStarted) has committed; its tool has not been called.</summary>
    AfterStartCommit,

    /// <summary>The tool has done its work and answered; the worker has not looked at the answer yet.</summary>
    DuringToolCall,

    /// <summary>The node's outcome is known; its completion has not committed.</summary>
    AfterCallBeforeResultCommit,

    /// <summary>The node's completion has committed; the dependants it made ready have not been dispatched.</summary>
    AfterResultCommitBeforeDispatch,

    /// <summary>No node of the run is unfinished; the run is being closed (before its final state commits).</summary>
    DuringClosing,

    /// <summary>A node failed for good in a workflow that re-plans; the revision has not committed.</summary>
    DuringReplan,

    /// <summary>An approval has committed; the approved node has not been dispatched.</summary>
    DuringApprovalDecision,
}
