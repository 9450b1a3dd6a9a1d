namespace WorkflowStudio.Engine.Tools;

/// <summary>One progress report of a tool call in flight (MCP <c>notifications/progress</c>): <see cref="Progress"/> of <see cref="Total"/>, if known.</summary>
public sealed record ToolProgress(double Progress, double? Total, string? Message);
