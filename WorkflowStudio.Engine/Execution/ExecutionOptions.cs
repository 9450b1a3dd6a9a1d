using System.ComponentModel.DataAnnotations;

namespace WorkflowStudio.Engine.Execution;

/// <summary>How nodes are executed (configuration section <c>Execution</c>).</summary>
public sealed class ExecutionOptions
{
    public const string SectionName = "Execution";
    public const int DefaultWorkerCount = 100;
    public const double DefaultNodeTimeout = 300;

    /// <summary>Hangfire workers in this process: the most nodes that run at once (tool calls mostly wait on I/O).</summary>
    [Range(1, 2000, ErrorMessage = "Execution:WorkerCount must be between 1 and 2000; raise it for wide graphs of slow tools.")]
    public int WorkerCount { get; set; } = DefaultWorkerCount;

    /// <summary>Per-attempt timeout for nodes that set no <c>timeoutSeconds</c>.</summary>
    [Range(0.001, 86400, ErrorMessage = "Execution:DefaultNodeTimeoutSeconds must be between 0.001 and 86400 seconds.")]
    public double DefaultNodeTimeoutSeconds { get; set; } = DefaultNodeTimeout;

    /// <summary>Run node jobs in this process (false for a web-only process).</summary>
    public bool RunWorkers { get; set; } = true;
}
