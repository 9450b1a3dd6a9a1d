using System.Text.Json;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Workflows.Bindings;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Execution;

/// <summary>Bindings' view of a run: its inputs and the journaled state of the steps a node depends on.</summary>
internal sealed class NodeScope : IBindingScope
{
    private readonly IReadOnlyDictionary<string, JsonElement> _inputs;
    private readonly Dictionary<string, NodeSnapshot> _steps = new(StringComparer.Ordinal);

    public NodeScope(IReadOnlyDictionary<string, JsonElement> inputs, IEnumerable<NodeRunRecord> steps)
    {
        _inputs = inputs;
        foreach (var step in steps)
        {
            _steps[step.NodeId] = new NodeSnapshot(step.Status, ParseOrNull(step.Output), step.Error, step.Attempts);
        }
    }

    public bool TryGetInput(string name, out JsonElement value) => _inputs.TryGetValue(name, out value);

    public bool TryGetNode(string id, out NodeSnapshot snapshot) => _steps.TryGetValue(id, out snapshot!);

    internal static JsonElement? ParseOrNull(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
