namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>This process, as named in node leases and journaled events: <c>host:pid:random</c>.</summary>
public sealed class WorkerIdentity
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public override string ToString() => Id;
}
