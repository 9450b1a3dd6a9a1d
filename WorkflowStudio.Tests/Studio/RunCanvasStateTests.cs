using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Web.Studio;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Tests.Studio;

public sealed class RunCanvasStateTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_EventSequence_MovesNodesThroughTheirStates()
    {
        var state = new RunCanvasState();
        state.Begin("r1", ["a", "b", "c"]);

        state.Apply(new RunStarted("r1", T0, "wf", 3));
        state.Apply(new NodeStarted("r1", T0, "a", "builtin/echo", 1, false));
        Assert.Equal("running", state["a"].Status);
        state.Apply(new NodeAttemptFailed("r1", T0, "a", 1, "timeout", "too slow", true));
        state.Apply(new NodeStarted("r1", T0, "a", "builtin/echo", 2, false));
        state.Apply(new NodeFinished("r1", T0, "a", "success", 2, 120, null, false));
        state.Apply(new NodeFinished("r1", T0, "b", "error", 1, 10, "boom", false));
        state.Apply(new NodeSkipped("r1", T0, "c", "dependency 'b' failed"));
        state.Apply(new RunFinished("r1", T0, "failed", 150));

        Assert.Equal(("success", 2, 120.0), (state["a"].Status, state["a"].Attempts, state["a"].ElapsedMs!.Value));
        Assert.Equal(("error", "boom"), (state["b"].Status, state["b"].Error));
        Assert.Equal("skipped", state["c"].Status);
        Assert.Equal("failed", state.Status);
    }

    [Fact]
    public void Apply_OtherRunsEvents_AreIgnored()
    {
        var state = new RunCanvasState();
        state.Begin("r1", ["a"]);

        Assert.False(state.Apply(new NodeFinished("r2", T0, "a", "success", 1, 1, null, false)));
        Assert.Equal("pending", state["a"].Status);
    }

    [Fact]
    public void Apply_LateStartAfterFinish_DoesNotMoveANodeBack()
    {
        var state = new RunCanvasState();
        state.Begin("r1", ["a"]);
        state.Apply(new NodeFinished("r1", T0, "a", "success", 1, 5, null, false));

        state.Apply(new NodeStarted("r1", T0, "a", "builtin/echo", 1, false));

        Assert.Equal("success", state["a"].Status);
    }

    [Fact]
    public void ApplySnapshot_JournalRows_ShowQueuedAsPendingAndKeepFinals()
    {
        var state = new RunCanvasState();
        var run = new RunRecord
        {
            Id = "r9", WorkflowId = "wf", WorkflowName = "wf", Definition = "{}", Inputs = "{}", Status = "running", CreatedAt = 0, StartedAt = 0,
        };
        NodeRunRecord Row(string id, string status) => new() { RunId = "r9", NodeId = id, Tool = "builtin/echo", Status = status };

        state.ApplySnapshot(run, [Row("a", "success"), Row("b", "queued"), Row("c", "running")]);

        Assert.Equal("r9", state.RunId);
        Assert.Equal(["success", "pending", "running"], new[] { "a", "b", "c" }.Select(id => state[id].Status));
        Assert.Equal("running", state.Status);
    }

    [Fact]
    public void Apply_ApprovalEvents_ShowAwaitingUntilDecided_AndTheRunWithThem()
    {
        var state = new RunCanvasState();
        state.Begin("r1", ["ship", "drop", "other"]);

        state.Apply(new NodeAwaitingApproval("r1", T0, "ship", "builtin/echo", "the workflow requires approval for this node",
            System.Text.Json.JsonSerializer.SerializeToElement(new { amount = 120 })));
        state.Apply(new NodeAwaitingApproval("r1", T0.AddSeconds(1), "drop", "builtin/echo", "destructive"));
        Assert.Equal(("awaiting_approval", "awaiting_approval"), (state["ship"].Status, state.Status));
        Assert.Equal("the workflow requires approval for this node", state["ship"].ApprovalReason);
        Assert.Equal("""{"amount":120}""", state["ship"].ApprovalArgs?.GetRawText());
        Assert.Equal(["ship", "drop"], state.AwaitingApproval);

        state.Apply(new NodeApprovalDecided("r1", T0, "ship", true, "ann", null));
        Assert.Equal(("pending", "awaiting_approval"), (state["ship"].Status, state.Status)); // "drop" still waits
        Assert.Null(state["ship"].ApprovalArgs);
        state.Apply(new NodeApprovalDecided("r1", T0, "drop", false, "bob", "not today"));
        Assert.Equal(("skipped", "rejected by bob: not today"), (state["drop"].Status, state["drop"].Error));
        Assert.Equal("running", state.Status);
        Assert.Empty(state.AwaitingApproval);

        state.Apply(new NodeStarted("r1", T0, "ship", "builtin/echo", 1, false));
        Assert.Equal("running", state["ship"].Status);
    }

    [Fact]
    public void Apply_InputEvents_ShowAwaitingInputUntilAnswered_AndTheRunWithThem()
    {
        var state = new RunCanvasState();
        state.Begin("r1", ["greet", "other"]);
        state.Apply(new NodeStarted("r1", T0, "greet", "mrtr/ask_mrtr", 1, false));

        state.Apply(new NodeAwaitingInput("r1", T0.AddSeconds(1), "greet", "mrtr/ask_mrtr", "Who?",
            System.Text.Json.JsonSerializer.SerializeToElement(new { type = "object" }), InFlight: false));
        Assert.Equal(("awaiting_input", "awaiting_input"), (state["greet"].Status, state.Status));

        state.Apply(new NodeInputAnswered("r1", T0.AddSeconds(2), "greet", "accept", "ann"));
        Assert.Equal(("pending", "running"), (state["greet"].Status, state.Status));
    }

    [Fact]
    public void Apply_NodeFinishedFromTheCache_MarksTheNodeCached()
    {
        var state = new RunCanvasState();
        state.Begin("r1", ["a", "b"]);

        state.Apply(new NodeFinished("r1", T0, "a", "success", 0, 1, null, false, Cached: true));
        state.Apply(new NodeFinished("r1", T0, "b", "success", 1, 5, null, false));

        Assert.Equal((true, 0), (state["a"].Cached, state["a"].Attempts));
        Assert.False(state["b"].Cached);
    }

    [Fact]
    public void Indexer_BeforeAnyRun_IsIdle() => Assert.Equal(RunCanvasState.Idle, new RunCanvasState()["x"].Status);
}
