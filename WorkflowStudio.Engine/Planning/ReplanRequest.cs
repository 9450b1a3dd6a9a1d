using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning;

/// <summary>What a re-plan starts from: the workflow as it ran, what succeeded, what failed and why.</summary>
public sealed record ReplanRequest
{
    public required WorkflowDefinition Workflow { get; init; }

    /// <summary>The run's input values.</summary>
    public IReadOnlyDictionary<string, JsonElement> Inputs { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Output of every node that succeeded, by node id; these nodes are never run again.</summary>
    public IReadOnlyDictionary<string, JsonElement> SucceededOutputs { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>
    /// Nodes other than the failed one that already ended without a usable output (an error that did not block, a skip, a
    /// cancel): their side effect, if any, happened, so they are never run again either.
    /// </summary>
    public IReadOnlySet<string> EndedNodes { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The node that failed for good.</summary>
    public required string FailedNode { get; init; }

    /// <summary>Its final error, as the journal has it.</summary>
    public required string Error { get; init; }

    /// <summary>The words the workflow was planned from, when there were any.</summary>
    public string? Request { get; init; }

    /// <summary>The run being repaired; its usage records carry it.</summary>
    public string? RunId { get; init; }

    /// <summary>The run's tenant; a model-backed re-planner makes no call once its monthly spend limit is used up.</summary>
    public string? TenantId { get; init; }

    /// <summary>1 for the first re-plan of a run, 2 for the second, ...</summary>
    public int Revision { get; init; } = 1;
}
