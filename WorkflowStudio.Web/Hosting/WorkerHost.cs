using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Execution.Dispatch;

namespace WorkflowStudio.Web.Hosting;

/// <summary><c>studio serve --role worker</c>: the engine and its job server, no web server; runs until SIGTERM or Ctrl-C.</summary>
internal static partial class WorkerHost
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> configurationOverrides, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(configurationOverrides);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.AddWorkflowStudioEngine(builder.Configuration);
        builder.Services.AddBuiltinTools(); // after the engine, whose database the tools keep their data in
        builder.Services.AddStudioTelemetry(builder.Configuration);
        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync($"studio serve: invalid configuration: {exception.Message}");
            return 2;
        }
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WorkflowStudio.Worker");
        LogReady(logger, host.Services.GetRequiredService<WorkerIdentity>().Id, host.Services.GetRequiredService<IOptions<ExecutionOptions>>().Value.WorkerCount);
        await host.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Worker} is executing nodes with {Workers} Hangfire workers")]
    private static partial void LogReady(ILogger logger, string worker, int workers);
}
