using Microsoft.Extensions.Logging;

namespace WorkflowStudio.Web.Hosting;

internal static partial class StudioWebHostLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "WorkflowStudio is listening on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Data directory: {DataDirectory}")]
    public static partial void UsingDataDirectory(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "WorkflowStudio is shutting down")]
    public static partial void ShuttingDown(ILogger logger);
}
