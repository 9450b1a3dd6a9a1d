using Microsoft.Extensions.Logging;

namespace WorkflowStudio.Engine.Scheduling;

internal static partial class ScheduleLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {Schedule} started run {RunId} of workflow {WorkflowId} version {Version}")]
    public static partial void Started(ILogger logger, string schedule, string runId, string workflowId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {Schedule} could not start workflow {WorkflowId}; the reason is recorded on the schedule")]
    public static partial void NotStarted(ILogger logger, string schedule, string workflowId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {Schedule} fired but is {State}; nothing started")]
    public static partial void Skipped(ILogger logger, string schedule, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedules synchronised with Hangfire: {Active} active, {Removed} recurring jobs removed")]
    public static partial void Synchronized(ILogger logger, int active, int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {Schedule} cannot be registered with Hangfire: {Reason}")]
    public static partial void NotRegistered(ILogger logger, string schedule, string reason);
}
