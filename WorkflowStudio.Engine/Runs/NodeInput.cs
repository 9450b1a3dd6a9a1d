using System.Text.Json;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Runs;

/// <summary>
/// What a node's tool server asked a person (journaled on the node as <see cref="NodeRunRecord.InputRequest"/>): the
/// question, its form, whether the call stays open meanwhile, and the earlier rounds of the same call already answered
/// (a call made again is asked them again and answered from here).
/// </summary>
public sealed record NodeInput
{
    public required string Message { get; init; }
    public required JsonElement RequestedSchema { get; init; }
    public bool InFlight { get; init; }
    public string? Tool { get; init; }
    public IReadOnlyList<NodeInputRound> Answered { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, EngineJson.Default.NodeInput);

    public static NodeInput? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize(json, EngineJson.Default.NodeInput);

    public static string AnswerJson(ToolInputAnswer answer) => JsonSerializer.Serialize(answer, EngineJson.Default.ToolInputAnswer);

    public static ToolInputAnswer? ParseAnswer(string? json) => json is null ? null : JsonSerializer.Deserialize(json, EngineJson.Default.ToolInputAnswer);
}
