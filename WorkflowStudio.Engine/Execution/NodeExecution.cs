using System.Text.Json;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Execution;

/// <summary>One execution of one node in this process: its bound arguments and the attempts it made.</summary>
internal sealed class NodeExecution(RunContext context, WorkflowNode node, JsonElement args, int previousAttempts, bool approved,
    IReadOnlyList<NodeInputRound>? answered = null)
{
    /// <summary>Questions of the node's server a person answered (journaled): a call made again is answered from here.</summary>
    public List<NodeInputRound> Answered { get; } = [.. answered ?? []];

    /// <summary>The question that ended the last call (an <c>input_required</c> result): the node waits for its answer.</summary>
    public Tools.ToolInputRequest? PendingQuestion { get; set; }

    public RunContext Context { get; } = context;
    public WorkflowNode Node { get; } = node;
    public JsonElement Args { get; } = args;

    /// <summary>A person approved the node: the approval gate is open for its tool and fallback.</summary>
    public bool Approved { get; } = approved;

    /// <summary>Attempts journaled for the node, including those of an earlier execution that crashed.</summary>
    public int Attempts { get; private set; } = previousAttempts;

    /// <summary>The first attempt, journaled as started together with the lease; the first call uses it instead of journaling another.</summary>
    public NodeAttemptRecord? Journaled { get; set; }

    /// <summary>The last attempt's end, not yet written: the completion writes it in its own transaction.</summary>
    public NodeAttemptRecord? Finished { get; set; }

    /// <summary>The fencing token of the lease this execution holds (the attempt that took the node).</summary>
    public long LeaseEpoch { get; set; }

    /// <summary>Numbers the next attempt (numbering continues after a crash; the retry budget is per execution).</summary>
    public int NextAttempt() => ++Attempts;
}
