namespace WorkflowStudio.Engine.Metering;

/// <summary>
/// One group of usage: a UTC day, a workflow, a tool (the model for <c>tokens</c>), the kind
/// (<c>tool_call</c>, <c>workflow_run</c> or <c>tokens</c>), how many, and the cost.
/// </summary>
public sealed record UsageLine(DateOnly Day, string WorkflowId, string? Tool, string Kind, long Quantity, decimal CostUsd);
