using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Execution;

/// <summary>Starts runs of validated workflows and reports on them.</summary>
public interface IRunCoordinator
{
    /// <summary>Journals the run and its nodes, then dispatches the nodes that depend on nothing. Returns the run id.</summary>
    ValueTask<string> StartAsync(WorkflowDefinition workflow, IReadOnlyDictionary<string, JsonElement> inputs, string? workflowId = null, CancellationToken cancellationToken = default);

    /// <summary>Waits for the run to finish (events, not polling) and returns its result.</summary>
    ValueTask<RunResult> WaitAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The result so far, or null for an unknown run.</summary>
    ValueTask<RunResult?> GetResultAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Stops pending nodes and cancels running tool calls of a run executing in this process.</summary>
    ValueTask<bool> CancelAsync(string runId, CancellationToken cancellationToken = default);
}
