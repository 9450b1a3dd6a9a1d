using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Bindings;

namespace WorkflowStudio.Engine.Planning;

/// <summary>What every re-plan must respect, whoever proposes it.</summary>
internal static class ReplanRules
{
    /// <summary>The request's own consistency: the failed node exists and has not succeeded; succeeded ids exist.</summary>
    public static string? Check(ReplanRequest request)
    {
        if (request.Workflow.FindNode(request.FailedNode) is null)
        {
            return $"The failed node '{request.FailedNode}' is not in workflow '{request.Workflow.Name}'.";
        }
        if (request.SucceededOutputs.ContainsKey(request.FailedNode))
        {
            return $"Node '{request.FailedNode}' is listed both as failed and as succeeded.";
        }
        var unknown = request.SucceededOutputs.Keys.Where(id => request.Workflow.FindNode(id) is null).ToArray();
        return unknown.Length > 0
            ? $"Succeeded node{(unknown.Length == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => $"'{u}'"))} not in workflow '{request.Workflow.Name}'."
            : null;
    }

    /// <summary>
    /// Ids of nodes still to run, in workflow order: every node that has not succeeded and has not otherwise ended (a node
    /// skipped by a cancel or that already made its call is never reset; the failed node is replaced, so it runs again).
    /// </summary>
    public static IReadOnlyList<string> Pending(WorkflowDefinition workflow, ReplanRequest request) =>
        workflow.Nodes.Where(n => !request.SucceededOutputs.ContainsKey(n.Id) && !request.EndedNodes.Contains(n.Id)).Select(n => n.Id).ToArray();

    /// <summary>Problems of a proposed revision, as <c>JSONPATH: message</c> errors for a model to repair.</summary>
    public static List<ValidationError> Violations(ReplanRequest request, WorkflowDefinition revised, IReadOnlyList<ToolDescriptor> tools)
    {
        var errors = new List<ValidationError>();
        for (var i = 0; i < revised.Nodes.Count; i++)
        {
            var node = revised.Nodes[i];
            var original = request.Workflow.FindNode(node.Id);
            if (request.SucceededOutputs.ContainsKey(node.Id) && original is not null && !WorkflowDiff.Compute(
                    request.Workflow with { Nodes = [original] }, revised with { Nodes = [node] }).IsEmpty)
            {
                errors.Add(new ValidationError($"$.nodes[{i}]", $"node '{node.Id}' already succeeded: keep it exactly as it was (same tool and args)"));
            }
            if (node.Id == request.FailedNode && original is not null && node.Tool == original.Tool
                && WorkflowDiff.SameJson(node.Args, original.Args))
            {
                errors.Add(new ValidationError($"$.nodes[{i}]",
                    $"node '{node.Id}' failed for good with this tool and these args ({request.Error}): change its tool or args, or remove it"));
            }
        }
        var usedBefore = request.Workflow.Nodes.SelectMany(n => n.Fallback is null ? [n.Tool] : new[] { n.Tool, n.Fallback.Tool })
            .ToHashSet(StringComparer.Ordinal);
        var destructive = tools.Where(t => t.Annotations.IsDestructive).Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < revised.Nodes.Count; i++)
        {
            var tool = revised.Nodes[i].Tool;
            if (destructive.Contains(tool) && !usedBefore.Contains(tool))
            {
                errors.Add(new ValidationError($"$.nodes[{i}].tool",
                    $"'{tool}' is destructive and the workflow did not use it before: a re-plan may not introduce destructive tools"));
            }
        }
        if (revised.Nodes.All(n => request.SucceededOutputs.ContainsKey(n.Id)))
        {
            errors.Add(new ValidationError("$.nodes", "the revision leaves nothing to run: replace the failed node or add the remaining work"));
        }
        return errors;
    }

    /// <summary>The ids a JSON value binds to with <c>steps.ID</c>.</summary>
    public static IEnumerable<string> NodeReferences(System.Text.Json.JsonElement? value) =>
        BindingScanner.Scan(value, "$").Where(b => b.Path is { IsStep: true }).Select(b => b.Path!.Name);
}
