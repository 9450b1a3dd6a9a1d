using System.Text.Json;
using WorkflowStudio.Engine.Workflows.Bindings;
using WorkflowStudio.Engine.Workflows.Json;

namespace WorkflowStudio.Engine.Workflows.Validation;

internal sealed partial class ValidationRun
{
    /// <summary>Every binding in <paramref name="value"/> must parse and name a declared input or an existing other node.</summary>
    private void CheckBindings(JsonElement? value, string path, string? self)
    {
        foreach (var occurrence in BindingScanner.Scan(value, path))
        {
            CheckBinding(occurrence, self);
        }
    }

    private void CheckWhen(WorkflowNode node, string path)
    {
        if (node.When is null)
        {
            return;
        }
        var occurrences = BindingScanner.ScanString(node.When, path).ToList();
        if (occurrences.Count == 0)
        {
            Error(path, $"'{node.When}' contains no binding, so it never changes; write a condition such as \"{{{{ steps.check.output.ok }}}}\"");
            return;
        }
        foreach (var occurrence in occurrences)
        {
            CheckBinding(occurrence, node.Id);
        }
    }

    private void CheckBinding(BindingOccurrence occurrence, string? self)
    {
        if (occurrence.Path is not { } binding)
        {
            Error(occurrence.JsonPath, $"invalid binding: {occurrence.Error}");
            return;
        }
        if (!binding.IsStep)
        {
            if (!_workflow.Inputs.ContainsKey(binding.Name))
            {
                Error(occurrence.JsonPath, $"binding '{binding}': the workflow declares no input '{binding.Name}'{DeclaredInputs(binding.Name)}");
            }
            return;
        }
        if (string.Equals(binding.Name, self, StringComparison.Ordinal))
        {
            Error(occurrence.JsonPath, $"binding '{binding}': a node cannot read its own result");
        }
        else if (!_nodeIds.Contains(binding.Name))
        {
            Error(occurrence.JsonPath, $"binding '{binding}': no node has id '{binding.Name}'{Suggestions.DidYouMean(binding.Name, _nodeIds)}");
        }
    }

    /// <summary><c>; did you mean 'x'? (it has: a, b)</c> or <c> (it declares no inputs)</c>.</summary>
    private string DeclaredInputs(string name)
    {
        var names = _workflow.Inputs.Keys.ToList();
        if (names.Count == 0)
        {
            return " (it declares no inputs; add one under \"inputs\")";
        }
        return $"{Suggestions.DidYouMean(name, names)} (it has: {string.Join(", ", names)})";
    }
}
