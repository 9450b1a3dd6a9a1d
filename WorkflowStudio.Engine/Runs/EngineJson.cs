using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Engine.Runs;

/// <summary>The engine's one source-generated JSON context: snake_case, nulls omitted, for results and events.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(RevisionDiff))]
[JsonSerializable(typeof(RunEvent))]
[JsonSerializable(typeof(WorkflowStudio.Engine.Runs.Synthesis))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(NodeInput))]
[JsonSerializable(typeof(WorkflowStudio.Engine.Tools.ToolInputAnswer))]
public sealed partial class EngineJson : JsonSerializerContext
{
    /// <summary>Indented variant for people.</summary>
    public static EngineJson Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        // Output for people and programs, not for embedding in HTML: keep '+', '<', quotes and non-ASCII readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
