using WorkflowStudio.Engine.Planning.Ranking;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning.Offline;

internal sealed partial class TemplatePlanner
{
    /// <summary>
    /// Without a model, a re-plan can do two honest things: substitute another tool that takes the failed node's
    /// arguments (same node id, so its dependants still bind), or drop the failed node with every node that depends on
    /// it so the independent branches still run. It never invents new work.
    /// </summary>
    public async ValueTask<ReplanResult> ReplanAsync(ReplanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ReplanRules.Check(request) is { } problem)
        {
            return ReplanFail(request, problem);
        }
        var snapshot = await ToolCatalogReader.ReadAsync(_tools, cancellationToken);
        var failed = request.Workflow.FindNode(request.FailedNode)!;
        if (Substitute(failed, snapshot.Tools) is { } substitute)
        {
            var revised = request.Workflow with
            {
                Nodes = request.Workflow.Nodes.Select(n => n.Id == failed.Id ? n with { Tool = substitute.FullName, Fallback = null } : n).ToArray(),
            };
            if (await AcceptAsync(request, revised, snapshot, cancellationToken) is null)
            {
                return ReplanDone(request, revised,
                    $"substituted '{substitute.FullName}' for '{failed.Tool}' in node '{failed.Id}' (it takes the same arguments)");
            }
        }
        var graph = WorkflowGraph.Build(request.Workflow);
        var dropped = new HashSet<string>(StringComparer.Ordinal) { failed.Id };
        var queue = new Queue<string>([failed.Id]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var dependant in graph.DependantsOf(id).Where(dropped.Add))
            {
                queue.Enqueue(dependant);
            }
        }
        var kept = request.Workflow.Nodes.Where(n => !dropped.Contains(n.Id)).ToArray();
        var alsoDropped = dropped.Where(d => d != failed.Id).Order(StringComparer.Ordinal).ToArray();
        if (kept.All(n => request.SucceededOutputs.ContainsKey(n.Id)))
        {
            return ReplanFail(request,
                $"The offline planner cannot repair node '{failed.Id}' ({failed.Tool} failed: {request.Error}): no other tool takes its arguments, " +
                $"and dropping it{(alsoDropped.Length > 0 ? $" with its dependants {string.Join(", ", alsoDropped)}" : "")} leaves nothing to run. " +
                "Fix the tool or its input and re-run, or configure a model (Llm:Model) for free-form re-planning.");
        }
        var output = request.Workflow.Output is { } o && ReplanRules.NodeReferences(o).Any(dropped.Contains) ? null : request.Workflow.Output;
        var dropPlan = request.Workflow with { Nodes = kept, Output = output };
        if (await AcceptAsync(request, dropPlan, snapshot, cancellationToken) is { } errors)
        {
            return ReplanFail(request, $"Dropping node '{failed.Id}' leaves an invalid workflow: {errors}");
        }
        var note = $"dropped node '{failed.Id}' ({failed.Tool} failed: {request.Error})" +
            (alsoDropped.Length > 0 ? $" and its dependants {string.Join(", ", alsoDropped)}, which need its output" : "") +
            (output is null && request.Workflow.Output is not null ? "; the workflow output bound to a dropped node, so it was cleared" : "") +
            "; no other tool takes its arguments";
        return ReplanDone(request, dropPlan, note);
    }

    /// <summary>Another tool whose schema takes every argument the failed node passes and needs no other, most similar first.</summary>
    private static ToolDescriptor? Substitute(WorkflowNode failed, IReadOnlyList<ToolDescriptor> tools)
    {
        var original = tools.FirstOrDefault(t => t.FullName == failed.Tool);
        var argNames = failed.Args is { ValueKind: System.Text.Json.JsonValueKind.Object } args
            ? args.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        var compatible = tools.Where(t => t.FullName != failed.Tool && t.FullName != failed.Fallback?.Tool && !t.Annotations.IsDestructive)
            .Where(t =>
            {
                var properties = ToolSchemas.Properties(t.InputSchema);
                return properties.Where(p => p.Required).All(p => argNames.Contains(p.Name))
                    && (ToolSchemas.AllowsOtherProperties(t.InputSchema) || argNames.All(a => properties.Any(p => p.Name == a)))
                    && (argNames.Count == 0 || argNames.Any(a => properties.Any(p => p.Name == a)));
            })
            .ToArray();
        if (compatible.Length == 0)
        {
            return null;
        }
        var index = new Bm25Index<ToolDescriptor>();
        foreach (var tool in compatible)
        {
            index.Add(tool, CatalogDocuments.TermsOf(tool));
        }
        var query = original is null ? TextTerms.Of(failed.Tool) : CatalogDocuments.TermsOf(original).ToList();
        return index.Search(query).FirstOrDefault(h => h.Coverage >= 0.5)?.Item;
    }

    private async ValueTask<string?> AcceptAsync(ReplanRequest request, WorkflowDefinition revised, ToolCatalogReader.Snapshot snapshot, CancellationToken cancellationToken)
    {
        var errors = ReplanRules.Violations(request, revised, snapshot.Tools)
            .Concat(await WorkflowValidator.ValidateAsync(revised, _tools, cancellationToken: cancellationToken))
            .ToArray();
        return errors.Length == 0 ? null : string.Join("; ", errors.Select(e => e.ToString()));
    }

    private static ReplanResult ReplanDone(ReplanRequest request, WorkflowDefinition revised, string explanation) => new()
    {
        Planner = Name,
        Workflow = revised,
        Diff = WorkflowDiff.Compute(request.Workflow, revised),
        PendingNodes = ReplanRules.Pending(revised, request),
        Explanation = explanation,
        Revision = request.Revision,
    };

    private static ReplanResult ReplanFail(ReplanRequest request, string error) =>
        new() { Planner = Name, Errors = [error], Revision = request.Revision };
}
