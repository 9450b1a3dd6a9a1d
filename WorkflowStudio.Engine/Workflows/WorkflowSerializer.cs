using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowStudio.Engine.Workflows;

/// <summary>Round-trips a validated definition through the run journal (our format, camelCase, nulls omitted).</summary>
internal static class WorkflowSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static WorkflowDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
        ?? throw new JsonException("The journaled workflow definition is empty.");
}
