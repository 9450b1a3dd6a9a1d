using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows.Bindings;

/// <summary>What bindings can read: the run's inputs and the state of earlier steps.</summary>
public interface IBindingScope
{
    bool TryGetInput(string name, out JsonElement value);

    bool TryGetStep(string id, out StepSnapshot snapshot);
}

/// <summary>A finished (or skipped) step as bindings see it.</summary>
public sealed record StepSnapshot(string Status, JsonElement? Output, string? Error, int Attempts);
