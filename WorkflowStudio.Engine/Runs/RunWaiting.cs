using WorkflowStudio.Engine.Execution;
namespace WorkflowStudio.Engine.Runs;

/// <summary>The one recheck interval of everything that waits on a run's events (the wait, the SSE event stream).</summary>
public static class RunWaiting
{
    /// <summary>
    /// How often a waiter also asks the store: the run's events normally arrive live, but a process that learns of other
    /// processes' events from the journal can pass over one whose transaction committed later than the tailer's gap
    /// patience (a heavily loaded database), and a waiter must not wait for it forever.
    /// </summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(2);
}
