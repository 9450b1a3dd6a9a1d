using System.Text.Json;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Workflows.Bindings;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// What a step binding held in the workflow's last run, for the field picker: <c>{{ steps.fetch.output.total }}</c> → <c>1250.5</c>.
/// Read with the engine's own binding evaluator over that run's step outputs, so a sample is exactly what the binding
/// would resolve to; compact JSON on one line, cut at <see cref="MaxLength"/> characters. None for inputs, for steps that
/// did not run, or for paths the output lacks.
/// </summary>
public sealed class BindingSamples : IBindingScope
{
    public const int MaxLength = 60;

    private readonly Dictionary<string, NodeSnapshot> _steps;

    private BindingSamples(Dictionary<string, NodeSnapshot> steps, string? runId)
    {
        _steps = steps;
        RunId = runId;
    }

    public static BindingSamples Empty { get; } = new(new Dictionary<string, NodeSnapshot>(StringComparer.Ordinal), null);

    /// <summary>The run the samples come from; null when there is none.</summary>
    public string? RunId { get; }

    public static BindingSamples From(string runId, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var steps = new Dictionary<string, NodeSnapshot>(StringComparer.Ordinal);
        foreach (var node in result.Results.Where(r => r.Result is not null))
        {
            steps[node.ActionId] = new NodeSnapshot(node.Status, node.Result, node.Error, node.Attempts);
        }
        return new BindingSamples(steps, runId);
    }

    /// <summary>The sample for one suggestion (<c>{{ steps.ID.output… }}</c>), or null when the last run has none.</summary>
    public string? For(string binding)
    {
        var expression = binding.Trim();
        if (!expression.StartsWith("{{", StringComparison.Ordinal) || !expression.EndsWith("}}", StringComparison.Ordinal))
        {
            return null;
        }
        expression = expression[2..^2].Trim();
        if (!expression.StartsWith(BindingPath.StepsRoot + ".", StringComparison.Ordinal) || _steps.Count == 0)
        {
            return null;
        }
        try
        {
            return Show(BindingEvaluator.Evaluate(expression, this));
        }
        catch (BindingException)
        {
            return null; // the last run's output has no such field (or the step did not run): no sample, not an error
        }
    }

    public static string Show(JsonElement value)
    {
        // Compact JSON on one line, however the value was written (stored definitions and outputs may be indented).
        var text = CompactJson.Of(value);
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
    }

    bool IBindingScope.TryGetInput(string name, out JsonElement value)
    {
        value = default;
        return false;
    }

    bool IBindingScope.TryGetNode(string id, out NodeSnapshot snapshot) => _steps.TryGetValue(id, out snapshot!);
}
