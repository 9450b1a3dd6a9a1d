using ModelContextProtocol;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Mcp;

/// <summary>A run's progress as MCP progress notifications (nodes done of nodes, and what just happened), reported as it comes.</summary>
internal sealed class McpRunProgress(IProgress<ProgressNotificationValue> notifications) : IProgress<RunProgress>
{
    public void Report(RunProgress value) =>
        notifications.Report(new ProgressNotificationValue { Progress = value.Done, Total = value.Total, Message = value.Message });
}
