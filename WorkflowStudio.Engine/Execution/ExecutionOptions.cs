using System.ComponentModel.DataAnnotations;

namespace WorkflowStudio.Engine.Execution;

/// <summary>How nodes are executed (configuration section <c>Execution</c>).</summary>
public sealed class ExecutionOptions
{
    public const string SectionName = "Execution";
    public const int DefaultWorkerCount = 100;

    public const double DefaultNodeTimeout = 300;

    /// <summary>
    /// Hangfire workers in this process: the most nodes arriving through the job queue that run at once (tool calls mostly
    /// wait on I/O). Nodes this process starts itself run besides them, up to <see cref="InProcessSlots"/>.
    /// </summary>
    [Range(1, 2000, ErrorMessage = "Execution:WorkerCount must be between 1 and 2000; raise it for wide graphs of slow tools.")]
    public int WorkerCount { get; set; } = DefaultWorkerCount;

    /// <summary>Per-attempt timeout for nodes that set no <c>timeoutSeconds</c>.</summary>
    [Range(0.001, 86400, ErrorMessage = "Execution:DefaultNodeTimeoutSeconds must be between 0.001 and 86400 seconds.")]
    public double DefaultNodeTimeoutSeconds { get; set; } = DefaultNodeTimeout;

    public const int DefaultInProcessSlots = 100;

    /// <summary>
    /// A worker process starts up to this many ready nodes itself, at once, without a trip through the job queue (the
    /// dependants of nodes that finished here, the roots of runs started here); beyond it, and with 0, ready nodes go
    /// through the queue to whichever worker fetches them. These run besides the <see cref="WorkerCount"/> queue workers.
    /// </summary>
    [Range(0, 2000, ErrorMessage = "Execution:InProcessSlots must be between 0 and 2000; 0 sends every ready node through the job queue.")]
    public int InProcessSlots { get; set; } = DefaultInProcessSlots;

    /// <summary>Run node jobs in this process (false for a web-only process).</summary>
    public bool RunWorkers { get; set; } = true;

    public const double DefaultLeaseSeconds = 30;
    public const double DefaultRecoveryIntervalSeconds = 5;
    public const double DefaultQueuedGraceSeconds = 30;

    /// <summary>How long a running node stays with a worker that stops renewing it (a crashed one) before another takes over.</summary>
    [Range(1, 3600, ErrorMessage = "Execution:LeaseSeconds must be between 1 and 3600; a crashed worker's node is re-run after at most this plus RecoveryIntervalSeconds.")]
    public double LeaseSeconds { get; set; } = DefaultLeaseSeconds;

    /// <summary>How often a worker looks for nodes to re-dispatch (expired leases, queued nodes nobody took).</summary>
    [Range(0.1, 600, ErrorMessage = "Execution:RecoveryIntervalSeconds must be between 0.1 and 600.")]
    public double RecoveryIntervalSeconds { get; set; } = DefaultRecoveryIntervalSeconds;

    /// <summary>A queued node not started after this long is dispatched again (its job was lost, e.g. with a crashed process).</summary>
    [Range(1, 3600, ErrorMessage = "Execution:QueuedGraceSeconds must be between 1 and 3600.")]
    public double QueuedGraceSeconds { get; set; } = DefaultQueuedGraceSeconds;

    public const double DefaultRunCloseGraceSeconds = 60;

    /// <summary>
    /// A run whose nodes all ended this long ago but that has no final state (its closing was lost to a crash or an error),
    /// or whose re-plan is due with nothing in flight, is closed or re-planned by the recovery sweep.
    /// </summary>
    [Range(1, 3600, ErrorMessage = "Execution:RunCloseGraceSeconds must be between 1 and 3600; keep it above the longest re-plan (a model call) so the sweep does not re-plan a run that is being re-planned.")]
    public double RunCloseGraceSeconds { get; set; } = DefaultRunCloseGraceSeconds;

    public const double DefaultQueuePollSeconds = 1;

    /// <summary>
    /// PostgreSQL storage: how often a worker process looks at the job queue without a notification (its safety net for
    /// jobs requeued by a stopping worker or whose invisibility timeout expired); new jobs wake a worker at once.
    /// </summary>
    [Range(0.05, 600, ErrorMessage = "Execution:QueuePollSeconds must be between 0.05 and 600; new jobs wake workers through LISTEN/NOTIFY, so this only bounds how late a requeued job is seen.")]
    public double QueuePollSeconds { get; set; } = DefaultQueuePollSeconds;

    public const double DefaultInputTimeoutSeconds = 600;

    /// <summary>
    /// How long a call in flight waits for a person to answer its server's <c>elicitation/create</c> (a 2025-era server keeps
    /// the call open meanwhile); unanswered, the node fails. A 2026-07-28 server's <c>input_required</c> waits without a limit
    /// (nothing is held open). The wait does not count against the node's <c>timeoutSeconds</c>.
    /// </summary>
    [Range(1, 86400, ErrorMessage = "Execution:InputTimeoutSeconds must be between 1 and 86400 (a day); it bounds how long a tool call kept open by its server waits for a person's answer.")]
    public double InputTimeoutSeconds { get; set; } = DefaultInputTimeoutSeconds;

    internal TimeSpan InputTimeout => TimeSpan.FromSeconds(InputTimeoutSeconds);

    internal TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    internal TimeSpan QueuePoll => TimeSpan.FromSeconds(QueuePollSeconds);
}
