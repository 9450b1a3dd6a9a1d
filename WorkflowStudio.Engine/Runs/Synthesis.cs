namespace WorkflowStudio.Engine.Runs;

/// <summary>A finished run summed up: an execution summary and concrete next actions.</summary>
public sealed record Synthesis(string ExecutionSummary, IReadOnlyList<NextAction> NextActions);
