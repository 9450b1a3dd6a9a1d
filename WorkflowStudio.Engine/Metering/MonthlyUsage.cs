namespace WorkflowStudio.Engine.Metering;

/// <summary>A tenant's use in the current calendar month (UTC): runs started, tool calls billed, spend; and when the month resets.</summary>
public sealed record MonthlyUsage(int Runs, int ToolCalls, decimal SpendUsd, DateTimeOffset PeriodStart, DateTimeOffset ResetsAt);
