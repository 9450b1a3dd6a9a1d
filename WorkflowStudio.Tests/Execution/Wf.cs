using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Execution;

/// <summary>Terse builders for workflow definitions in tests.</summary>
internal static class Wf
{
    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static WorkflowNode Node(string id, string tool, string? args = null, params string[] dependsOn) => new()
    {
        Id = id,
        Tool = tool.Contains('/', StringComparison.Ordinal) ? tool : $"{ScriptedToolSource.Server}/{tool}",
        Args = args is null ? null : Json(args),
        DependsOn = dependsOn,
    };

    public static WorkflowDefinition Of(string name, params WorkflowNode[] nodes) => new() { Name = name, Nodes = nodes };
}
