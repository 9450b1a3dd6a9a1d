using Hangfire;
using Hangfire.States;

namespace WorkflowStudio.Engine.Execution;

/// <summary>Enqueues one Hangfire job per ready node, straight from the finishing job: no scheduler poll on the hot path.</summary>
internal sealed class HangfireNodeDispatcher : INodeDispatcher
{
    public const string Queue = "nodes";
    private readonly IBackgroundJobClient _client;

    public HangfireNodeDispatcher(IBackgroundJobClient client) => _client = client;

    public void Dispatch(string runId, IEnumerable<string> nodeIds)
    {
        foreach (var nodeId in nodeIds)
        {
            _client.Create<NodeJob>(job => job.ExecuteAsync(runId, nodeId, CancellationToken.None), new EnqueuedState(Queue));
        }
    }
}
