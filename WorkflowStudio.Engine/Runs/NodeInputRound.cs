using System.Text.Json;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Runs;

/// <summary>One question of a call, answered.</summary>
public sealed record NodeInputRound(string Message, JsonElement RequestedSchema, ToolInputAnswer Answer);
