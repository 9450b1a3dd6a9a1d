using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows;

/// <summary>A workflow: named inputs, a DAG of tool-call nodes and an optional output expression.</summary>
public sealed record WorkflowDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyDictionary<string, WorkflowInput> Inputs { get; init; } = new Dictionary<string, WorkflowInput>();
    public required IReadOnlyList<WorkflowNode> Nodes { get; init; }

    /// <summary>The run's output: any JSON value, bindings allowed (e.g. <c>"{{ steps.report.output }}"</c>).</summary>
    public JsonElement? Output { get; init; }

    /// <summary><c>fail</c> (default): a node that fails for good fails the run. <c>replan</c>: the planner repairs the rest of the graph.</summary>
    public string? OnFailure { get; init; }

    /// <summary>How many times a run of this workflow may be re-planned (default <see cref="DefaultMaxReplans"/>).</summary>
    public int? MaxReplans { get; init; }

    public const string OnFailureFail = "fail";
    public const string OnFailureReplan = "replan";
    public const int DefaultMaxReplans = 2;

    /// <summary>Re-planning is allowed and this many revisions exist so far.</summary>
    public bool CanReplan(int revisions) => OnFailure == OnFailureReplan && revisions < (MaxReplans ?? DefaultMaxReplans);

    public WorkflowNode? FindNode(string id)
    {
        foreach (var node in Nodes)
        {
            if (string.Equals(node.Id, id, StringComparison.Ordinal))
            {
                return node;
            }
        }
        return null;
    }
}
