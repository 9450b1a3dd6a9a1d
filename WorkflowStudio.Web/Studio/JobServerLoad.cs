namespace WorkflowStudio.Web.Studio;

/// <summary>Hangfire as its monitoring API sees it: servers alive, their workers, jobs processing now, queue depths.</summary>
public sealed record JobServerLoad(int Servers, int Workers, long Processing, IReadOnlyList<QueueStatus> Queues)
{
    public long Enqueued => Queues.Sum(q => q.Enqueued);
}
