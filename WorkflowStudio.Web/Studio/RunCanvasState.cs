using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// The live state of a run as the canvas draws it, built only from <see cref="RunEvent"/>s and journal rows (events
/// are the UI's truth). Applying is idempotent and never moves a node back from a final state, so a journal
/// snapshot and the live events may overlap in any order.
/// </summary>
public sealed class RunCanvasState
{
    public const string Idle = "idle";
    public const string Pending = NodeStatus.Pending;

    private readonly Dictionary<string, NodeRunView> _nodes = new(StringComparer.Ordinal);

    public string? RunId { get; private set; }

    /// <summary><see cref="Idle"/>, then the run status: running, awaiting_approval, success, partial_success, failed, cancelled.</summary>
    public string Status { get; private set; } = Idle;
    public double? ElapsedMs { get; private set; }

    /// <summary>When the run started (its <see cref="RunStarted"/> event or journal row; else when <see cref="Begin"/> was called).</summary>
    public DateTimeOffset? StartedAt { get; private set; }
    public IReadOnlyDictionary<string, NodeRunView> Nodes => _nodes;

    /// <summary>The nodes waiting for a person's decision, in the order they started waiting.</summary>
    public IReadOnlyList<string> AwaitingApproval => _nodes
        .Where(p => p.Value.Status == NodeStatus.AwaitingApproval)
        .OrderBy(p => p.Value.AwaitingSince ?? DateTimeOffset.MaxValue)
        .Select(p => p.Key)
        .ToArray();

    public NodeRunView this[string nodeId] => _nodes.TryGetValue(nodeId, out var view) ? view : new NodeRunView();

    public void Begin(string runId, IEnumerable<string> nodeIds, DateTimeOffset? startedAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(nodeIds);
        RunId = runId;
        Status = RunStatus.Running;
        ElapsedMs = null;
        StartedAt = startedAt;
        _nodes.Clear();
        foreach (var id in nodeIds)
        {
            _nodes[id] = new NodeRunView { Status = Pending };
        }
    }

    public void Reset()
    {
        RunId = null;
        Status = Idle;
        ElapsedMs = null;
        StartedAt = null;
        _nodes.Clear();
    }

    /// <summary>Applies one event of this run; returns false for other runs' events.</summary>
    public bool Apply(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        if (RunId is null || runEvent.RunId != RunId)
        {
            return false;
        }
        switch (runEvent)
        {
            case RunStarted started:
                StartedAt = started.At;
                Status = RunStatus.IsTerminal(Status) ? Status : RunStatus.Running;
                break;
            case NodeStarted started:
                Update(started.Node, v => v with
                {
                    Status = NodeStatus.Running, Attempts = Math.Max(v.Attempts, started.Attempt), StartedAt = v.StartedAt ?? started.At,
                });
                break;
            case NodeAttemptFailed failed:
                Update(failed.Node, v => v with { Attempts = Math.Max(v.Attempts, failed.Attempt), Error = failed.Error });
                break;
            case NodeFinished finished:
                Update(finished.Node, v => v with
                {
                    Status = finished.Status, Attempts = finished.Attempts, ElapsedMs = finished.ElapsedMs,
                    Error = finished.Error, FallbackUsed = finished.FallbackUsed, Cached = finished.Cached,
                }, force: true);
                break;
            case NodeSkipped skipped:
                Update(skipped.Node, v => v with { Status = NodeStatus.Skipped, Error = skipped.Reason }, force: true);
                break;
            case NodeAwaitingApproval awaiting:
                Update(awaiting.Node, v => v with
                {
                    Status = NodeStatus.AwaitingApproval, ApprovalReason = awaiting.Reason, ApprovalArgs = awaiting.Args, AwaitingSince = awaiting.At,
                });
                Status = RunStatus.IsTerminal(Status) ? Status : RunStatus.AwaitingApproval;
                break;
            case NodeApprovalDecided decided:
                // Approved: queued again. Rejected: skipped (the NodeSkipped that follows says the same).
                Update(decided.Node, v => v.Status != NodeStatus.AwaitingApproval ? v
                    : decided.Approved ? v with { Status = Pending, ApprovalReason = null, ApprovalArgs = null }
                    : v with { Status = NodeStatus.Skipped, ApprovalReason = null, ApprovalArgs = null, Error = $"rejected by {decided.DecidedBy}: {decided.Reason}" });
                // The run is running again unless another node still waits.
                if (Status == RunStatus.AwaitingApproval && AwaitingApproval.Count == 0)
                {
                    Status = RunStatus.Running;
                }
                break;
            case NodeAwaitingInput asked:
                Update(asked.Node, v => v with { Status = NodeStatus.AwaitingInput, AwaitingSince = asked.At });
                Status = RunStatus.IsTerminal(Status) || Status == RunStatus.AwaitingApproval ? Status : RunStatus.AwaitingInput;
                break;
            case NodeInputAnswered answered:
                // A call kept open by its server goes on; one that ended asking is queued to be made again.
                Update(answered.Node, v => v.Status != NodeStatus.AwaitingInput ? v : v with { Status = Pending });
                if (Status == RunStatus.AwaitingInput && !_nodes.Values.Any(n => n.Status == NodeStatus.AwaitingInput))
                {
                    Status = RunStatus.Running;
                }
                break;
            case RunFinished finished:
                Status = finished.Status;
                ElapsedMs = finished.ElapsedMs;
                break;
        }
        return true;
    }

    /// <summary>Catches up from the journal (a page opened mid-run, or a finished run).</summary>
    public void ApplySnapshot(RunRecord run, IReadOnlyList<NodeRunRecord> nodes)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(nodes);
        if (RunId != run.Id)
        {
            Begin(run.Id, nodes.Select(n => n.NodeId));
        }
        if (!RunStatus.IsTerminal(Status))
        {
            Status = run.Status;
            ElapsedMs = run.FinishedAt - run.StartedAt;
            StartedAt = run.StartedAt is { } started ? DateTimeOffset.FromUnixTimeMilliseconds(started) : StartedAt;
        }
        foreach (var node in nodes)
        {
            var status = node.Status == NodeStatus.Queued ? Pending : node.Status;
            Update(node.NodeId, v => v with
            {
                Status = status,
                Attempts = Math.Max(v.Attempts, node.Attempts),
                ElapsedMs = node.FinishedAt - node.StartedAt ?? v.ElapsedMs,
                Error = node.Error ?? v.Error,
                FallbackUsed = node.FallbackUsed,
                Cached = node.CacheHit,
            }, force: NodeStatus.IsTerminal(status));
        }
    }

    private void Update(string nodeId, Func<NodeRunView, NodeRunView> change, bool force = false)
    {
        var current = _nodes.TryGetValue(nodeId, out var view) ? view : new NodeRunView { Status = Pending };
        if (!force && NodeStatus.IsTerminal(current.Status))
        {
            return;
        }
        _nodes[nodeId] = change(current);
    }
}
