namespace WorkflowStudio.Engine.Metering;

/// <summary>The tokens a model node is assumed to use before the model has answered (configuration <c>Planning:ModelCall…Tokens</c>).</summary>
public sealed record ModelCallGuess(string? Model, long InputTokens, long OutputTokens);
