using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs.Statistics;

namespace WorkflowStudio.Web.Studio;

/// <summary>One tool server on the admin page: its live state (MCP servers only) and its attempts in the window (journal).</summary>
public sealed record ToolServerRow(string Server, string State, string? LastError, int Calls, int Failures, DurationPercentiles Latency);
