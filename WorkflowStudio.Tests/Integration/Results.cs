using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Integration;

/// <summary>Lookups on a run result for assertions.</summary>
internal static class Results
{
    public static NodeResult Node(this RunResult result, string id) =>
        result.Results.SingleOrDefault(r => r.ActionId == id)
        ?? throw new InvalidOperationException($"run {result.RunId} has no node '{id}' (has: {string.Join(", ", result.Results.Select(r => r.ActionId))})");

    /// <summary>For assertion messages: every node's status and error.</summary>
    public static string Describe(this RunResult result) =>
        $"{result.Status}: " + string.Join("; ", result.Results.Select(r => $"{r.ActionId}={r.Status}{(r.Error is null ? "" : $" ({r.Error})")}"));
}
