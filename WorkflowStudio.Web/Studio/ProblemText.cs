using System.Globalization;
using System.Text.RegularExpressions;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// A validation problem in words for people, not JSONPath: <c>$.nodes[0].tool: unknown tool</c> reads
/// "node 'fetch', field tool: unknown tool". The API and the command line keep the path (<see cref="ValidationError.ToString"/>).
/// </summary>
internal static partial class ProblemText
{
    /// <summary>"node 'fetch', field args.limit: expected integer"; "workflow: …" for the document as a whole.</summary>
    public static string Of(WorkflowDefinition? workflow, ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return $"{Where(workflow, error.Path)}: {ForPeople(error.Message)}";
    }

    /// <summary>
    /// An engine message (shared with the command line) as the web page says it: command-line hints such as
    /// "run 'studio tools' to list them" point to the Tools page instead.
    /// </summary>
    public static string ForPeople(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message
            .Replace("run 'studio tools' to list them", "the Tools page lists them", StringComparison.Ordinal)
            .Replace("(studio tools lists the tools)", "(the Tools page lists them)", StringComparison.Ordinal);
    }

    /// <summary>Where <paramref name="path"/> points: "workflow", "node 'x'", "node 'x', field retry.maxAttempts", "field inputs.period".</summary>
    public static string Where(WorkflowDefinition? workflow, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path is "$" or "")
        {
            return "workflow";
        }
        var node = NodePath().Match(path);
        if (node.Success && int.TryParse(node.Groups["index"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            var name = workflow is not null && index < workflow.Nodes.Count
                ? $"node '{workflow.Nodes[index].Id}'"
                : $"node {(index + 1).ToString(CultureInfo.InvariantCulture)}";
            var rest = node.Groups["rest"].Value;
            return rest.Length == 0 ? name : $"{name}, field {Field(rest)}";
        }
        return $"field {Field(path.StartsWith('$') ? path[1..] : path)}";
    }

    // ".args[\"a b\"].x" -> "args.a b.x"; ".dependsOn[0]" -> "dependsOn item 1".
    private static string Field(string rest)
    {
        var named = QuotedName().Replace(rest, m => "." + Regex.Unescape(m.Groups["name"].Value));
        var indexed = ArrayIndex().Replace(named, m =>
            " item " + (int.Parse(m.Groups["i"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));
        return indexed.TrimStart('.');
    }

    [GeneratedRegex(@"^\$\.nodes\[(?<index>\d+)\](?<rest>.*)$")]
    private static partial Regex NodePath();

    [GeneratedRegex(@"\[""(?<name>(?:[^""\\]|\\.)*)""\]")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"\[(?<i>\d{1,9})\]")]
    private static partial Regex ArrayIndex();
}
