using System.Text.Json;

namespace WorkflowStudio.Engine.Runs;

/// <summary>What a node's tool server asks a person while the node is awaiting_input: the message and the form to answer.</summary>
public sealed record NodeQuestion(string Message, JsonElement RequestedSchema, bool InFlight);
