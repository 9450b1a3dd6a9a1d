namespace WorkflowStudio.Engine.Metering;

/// <summary>One tenant's billed use in a period: workflow runs, tool calls, tokens, and the cost of all of them.</summary>
public sealed record TenantSpend(string TenantId, long Runs, long ToolCalls, long Tokens, decimal CostUsd);
