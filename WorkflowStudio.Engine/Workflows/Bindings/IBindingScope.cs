using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows.Bindings;

/// <summary>What bindings can read: the run's inputs and the state of earlier steps.</summary>
public interface IBindingScope
{
    bool TryGetInput(string name, out JsonElement value);

    bool TryGetNode(string id, out NodeSnapshot snapshot);
}

/// <summary>A finished (or skipped) step as bindings see it.</summary>
public sealed record NodeSnapshot(string Status, JsonElement? Output, string? Error, int Attempts);
