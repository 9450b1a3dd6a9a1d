using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Planning;

/// <summary>
/// Plan metadata and usage as snake_case JSON (the CLI's <c>--json</c>, later the API). Kept beside the planner rather
/// than in <see cref="EngineJson"/> so the planning branch merges without touching the engine's context; fold it in later.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(PlanMetadata))]
[JsonSerializable(typeof(RunUsage))]
[JsonSerializable(typeof(WorkflowDiff))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
public sealed partial class PlanningJson : JsonSerializerContext
{
    public static JsonElement ToElement(PlanMetadata metadata) => JsonSerializer.SerializeToElement(metadata, Default.PlanMetadata);

    public static JsonElement ToElement(RunUsage usage) => JsonSerializer.SerializeToElement(usage, Default.RunUsage);
}
