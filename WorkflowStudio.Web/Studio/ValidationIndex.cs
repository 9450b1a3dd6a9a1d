using System.Text.RegularExpressions;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// Validation errors sorted by what they concern: a node (from <c>$.nodes[i]</c>), a field of that node
/// (<c>args.NAME</c>, <c>retry</c>, <c>timeoutSeconds</c>, <c>when</c>, <c>fallback</c>, <c>dependsOn</c>, <c>tool</c>, <c>id</c>),
/// or the workflow as a whole (inputs, output, cycles).
/// </summary>
public sealed partial class ValidationIndex
{
    /// <summary>The field key for <c>$.nodes[i].args.NAME...</c> is <c>args.NAME</c>; other node properties use their own name.</summary>
    public const string ArgsPrefix = "args.";

    private readonly Dictionary<string, List<ValidationError>> _byNode = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Node, string Field), List<ValidationError>> _byField = [];
    private readonly List<ValidationError> _workflow = [];

    public ValidationIndex(WorkflowDefinition workflow, IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(errors);
        All = errors;
        foreach (var error in errors)
        {
            var match = NodePath().Match(error.Path);
            if (!match.Success || !int.TryParse(match.Groups["index"].ValueSpan, out var index) || index >= workflow.Nodes.Count)
            {
                _workflow.Add(error);
                continue;
            }
            var nodeId = workflow.Nodes[index].Id;
            Add(_byNode, nodeId, error);
            var field = FieldOf(match.Groups["rest"].Value);
            if (field is not null)
            {
                if (!_byField.TryGetValue((nodeId, field), out var list))
                {
                    _byField[(nodeId, field)] = list = [];
                }
                list.Add(error);
            }
        }
    }

    public static ValidationIndex Empty { get; } = new(WorkflowEditor.Empty(), []);

    public IReadOnlyList<ValidationError> All { get; }
    public bool IsValid => All.Count == 0;

    /// <summary>Errors not about one node: inputs, output, the node list as a whole.</summary>
    public IReadOnlyList<ValidationError> WorkflowErrors => _workflow;

    public IReadOnlyList<ValidationError> ForNode(string nodeId) =>
        _byNode.TryGetValue(nodeId, out var list) ? list : [];

    /// <summary>Errors of one field, e.g. <c>ForField("sum", "args.a")</c> or <c>ForField("sum", "retry")</c>.</summary>
    public IReadOnlyList<ValidationError> ForField(string nodeId, string field) =>
        _byField.TryGetValue((nodeId, field), out var list) ? list : [];

    /// <summary>Errors of a node's args that name no single argument (e.g. "args: missing required property").</summary>
    public IReadOnlyList<ValidationError> ForArgs(string nodeId) => ForField(nodeId, "args");

    private static string? FieldOf(string rest)
    {
        // rest: "", ".args", ".args.a.b", ".args[\"a b\"]", ".retry.maxAttempts", ".dependsOn[0]"
        if (rest.Length == 0)
        {
            return null;
        }
        var arg = ArgPath().Match(rest);
        if (arg.Success)
        {
            var name = arg.Groups["plain"].Success ? arg.Groups["plain"].Value : Regex.Unescape(arg.Groups["quoted"].Value);
            return ArgsPrefix + name;
        }
        var property = PropertyName().Match(rest);
        return property.Success ? property.Groups["name"].Value : null;
    }

    private static void Add(Dictionary<string, List<ValidationError>> map, string key, ValidationError error)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(error);
    }

    [GeneratedRegex(@"^\$\.nodes\[(?<index>\d+)\](?<rest>.*)$")]
    private static partial Regex NodePath();

    [GeneratedRegex(@"^\.args(?:\.(?<plain>[A-Za-z_][A-Za-z0-9_]*)|\[""(?<quoted>(?:[^""\\]|\\.)*)""\])")]
    private static partial Regex ArgPath();

    [GeneratedRegex(@"^\.(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex PropertyName();
}
