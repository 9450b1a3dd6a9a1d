using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowStudio.Engine.Workflows.Json;

namespace WorkflowStudio.Engine.Workflows.Validation;

/// <summary>One validation of one workflow against a catalog snapshot; errors are appended in document order.</summary>
internal sealed partial class ValidationRun
{
    private static readonly Regex IdPattern = new("^[A-Za-z_][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant);

    private readonly WorkflowDefinition _workflow;
    private readonly ToolCatalogSnapshot _tools;
    private readonly List<ValidationError> _errors = [];
    private readonly HashSet<string> _nodeIds;

    public ValidationRun(WorkflowDefinition workflow, ToolCatalogSnapshot tools)
    {
        _workflow = workflow;
        _tools = tools;
        _nodeIds = new HashSet<string>(workflow.Nodes.Select(n => n.Id), StringComparer.Ordinal);
    }

    public IReadOnlyList<ValidationError> Validate(IReadOnlyDictionary<string, JsonElement>? providedInputs)
    {
        if (string.IsNullOrWhiteSpace(_workflow.Name))
        {
            Error("$.name", "missing: give the workflow a short name such as \"q3-report\"");
        }
        CheckInputs(providedInputs);
        CheckNodes();
        CheckBindings(_workflow.Output, "$.output", self: null);
        CheckProvidedInputs(providedInputs);
        return _errors;
    }

    private void Error(string path, string message) => _errors.Add(new ValidationError(path, message));

    private void CheckNodes()
    {
        var nodes = _workflow.Nodes;
        if (nodes.Count == 0)
        {
            Error("$.nodes", "a workflow needs at least one node");
            return;
        }
        if (nodes.Count > WorkflowLimits.MaxNodes)
        {
            Error("$.nodes", $"{nodes.Count} nodes; the limit is {WorkflowLimits.MaxNodes} (split the workflow)");
            return;
        }
        var (cycleAt, cycle) = FindCycle();
        var firstUse = new Dictionary<string, int>(StringComparer.Ordinal);
        if (_workflow.OnFailure is not (null or WorkflowDefinition.OnFailureFail or WorkflowDefinition.OnFailureReplan))
        {
            Error("$.onFailure", $"must be \"{WorkflowDefinition.OnFailureFail}\" or \"{WorkflowDefinition.OnFailureReplan}\"; got \"{_workflow.OnFailure}\"");
        }
        if (_workflow.MaxReplans is < 0 or > 10)
        {
            Error("$.maxReplans", $"must be between 0 and 10, got {_workflow.MaxReplans}");
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var path = $"$.nodes[{i}]";
            CheckId(node.Id, i, path, firstUse);
            CheckTool(node.Tool, node.Args, $"{path}.tool", $"{path}.args");
            CheckBindings(node.Args, $"{path}.args", node.Id);
            CheckDependsOn(node, path);
            CheckTimeout(node.TimeoutSeconds, $"{path}.timeoutSeconds");
            CheckRetry(node.Retry, $"{path}.retry");
            if (node.Fallback is { } fallback)
            {
                CheckTool(fallback.Tool, fallback.Args, $"{path}.fallback.tool", $"{path}.fallback.args");
                CheckBindings(fallback.Args, $"{path}.fallback.args", node.Id);
            }
            CheckWhen(node, $"{path}.when");
            CheckCache(node, $"{path}.cache");
            if (node.Approval is not (null or WorkflowNode.ApprovalRequired or WorkflowNode.ApprovalAuto))
            {
                Error($"{path}.approval", $"must be \"{WorkflowNode.ApprovalRequired}\" or \"{WorkflowNode.ApprovalAuto}\"; got \"{node.Approval}\"");
            }
            if (cycleAt == i)
            {
                Error(path, $"dependency cycle: {string.Join(" -> ", cycle!)} (remove one of these dependencies or bindings)");
            }
        }
    }

    private void CheckId(string id, int index, string path, Dictionary<string, int> firstUse)
    {
        var idPath = $"{path}.id";
        if (string.IsNullOrEmpty(id))
        {
            Error(idPath, "missing: every node needs an id such as \"extract\"");
            return;
        }
        if (id.Length > WorkflowLimits.MaxIdLength)
        {
            Error(idPath, $"is {id.Length} characters long; the limit is {WorkflowLimits.MaxIdLength}");
        }
        else if (!IdPattern.IsMatch(id))
        {
            Error(idPath, $"'{id}' is not a valid id: use letters, digits, '_' and '-', starting with a letter or '_'");
        }
        if (!firstUse.TryAdd(id, index))
        {
            Error(idPath, $"duplicate id '{id}' (already used by $.nodes[{firstUse[id]}])");
        }
    }

    private void CheckDependsOn(WorkflowNode node, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < node.DependsOn.Count; j++)
        {
            var dependency = node.DependsOn[j];
            var itemPath = $"{path}.dependsOn[{j}]";
            if (string.Equals(dependency, node.Id, StringComparison.Ordinal))
            {
                Error(itemPath, $"node '{node.Id}' cannot depend on itself");
            }
            else if (!_nodeIds.Contains(dependency))
            {
                Error(itemPath, $"no node has id '{dependency}'{Suggestions.DidYouMean(dependency, _nodeIds)}");
            }
            else if (!seen.Add(dependency))
            {
                Error(itemPath, $"'{dependency}' is listed twice");
            }
        }
    }

    private void CheckTimeout(double? timeout, string path)
    {
        if (timeout is { } seconds && !(seconds > 0 && seconds <= WorkflowLimits.MaxTimeoutSeconds))
        {
            Error(path, $"must be greater than 0 and at most {WorkflowLimits.MaxTimeoutSeconds} (one day), got {Format(seconds)}");
        }
    }

    private void CheckRetry(RetryPolicy? retry, string path)
    {
        if (retry is null)
        {
            return;
        }
        if (retry.MaxAttempts is < 1 or > WorkflowLimits.MaxRetryAttempts)
        {
            Error($"{path}.maxAttempts", $"must be between 1 and {WorkflowLimits.MaxRetryAttempts} (attempts in total, 1 = no retry), got {retry.MaxAttempts}");
        }
        if (!(retry.BackoffSeconds >= 0) || !double.IsFinite(retry.BackoffSeconds))
        {
            Error($"{path}.backoffSeconds", $"must be 0 or more, got {Format(retry.BackoffSeconds)}");
        }
        if (!(retry.BackoffMultiplier >= 1) || !double.IsFinite(retry.BackoffMultiplier))
        {
            Error($"{path}.backoffMultiplier", $"must be 1 or more (1 = constant delay), got {Format(retry.BackoffMultiplier)}");
        }
    }

    /// <summary>The cycle rotated to start at its earliest node in document order, and that node's index; (-1, null) when acyclic.</summary>
    private (int Index, IReadOnlyList<string>? Cycle) FindCycle()
    {
        var cycle = WorkflowGraph.Build(_workflow).FindCycle();
        if (cycle is null)
        {
            return (-1, null);
        }
        var members = cycle.Take(cycle.Count - 1).ToList();
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _workflow.Nodes.Count; i++)
        {
            firstIndex.TryAdd(_workflow.Nodes[i].Id, i);
        }
        var positions = members.Select(id => firstIndex[id]).ToList();
        var start = positions.IndexOf(positions.Min());
        var rotated = members.Skip(start).Concat(members.Take(start)).ToList();
        rotated.Add(rotated[0]);
        return (positions[start], rotated);
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
