using System.Text.Json;

namespace WorkflowStudio.Engine.Planning;

/// <summary>One top-level argument of a node, before and after; null on a side where the argument is absent.</summary>
public sealed record ArgumentChange(string Name, JsonElement? Before, JsonElement? After);
