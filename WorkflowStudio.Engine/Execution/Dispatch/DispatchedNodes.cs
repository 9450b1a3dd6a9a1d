using System.Collections.Concurrent;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>
/// Queued nodes this process has been handed and not yet started: waiting for a free in-process slot, for an enqueue
/// thread, or in a job queue for a free worker. They are not lost, so this process's recovery sweep refreshes their
/// queued_at (every sweep interval) and no sweep, here or in another process, takes them for lost. If this process dies
/// the refreshes stop, and after <c>Execution:QueuedGraceSeconds</c> any sweep dispatches them again.
/// </summary>
internal sealed class DispatchedNodes
{
    private readonly ConcurrentDictionary<NodeKey, byte> _held = new();

    public void Hold(string runId, IEnumerable<string> nodeIds)
    {
        foreach (var nodeId in nodeIds)
        {
            _held.TryAdd(new NodeKey(runId, nodeId), 0);
        }
    }

    /// <summary>The node is being executed (or was found no longer queued): the journal says where it is from now on.</summary>
    public void Release(NodeKey node) => _held.TryRemove(node, out _);

    public IReadOnlyCollection<NodeKey> Held => [.. _held.Keys];

    /// <summary>Keeps only <paramref name="stillQueued"/> of the <paramref name="refreshed"/> nodes (the others were started elsewhere or finished).</summary>
    public void Retain(IReadOnlyCollection<NodeKey> refreshed, IReadOnlyList<NodeKey> stillQueued)
    {
        var queued = stillQueued.ToHashSet();
        foreach (var node in refreshed)
        {
            if (!queued.Contains(node))
            {
                Release(node);
            }
        }
    }
}
