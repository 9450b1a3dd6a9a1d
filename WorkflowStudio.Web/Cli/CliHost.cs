using Microsoft.Extensions.Logging.Console;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Web.Cli;

/// <summary>The engine host for command-line verbs: same configuration sources as <c>serve</c>, logs on stderr.</summary>
internal static class CliHost
{
    /// <summary>
    /// Builds the host. <paramref name="runWorkers"/> null means: execute nodes here only with the embedded storage
    /// (with PostgreSQL the cluster's workers do, and this process submits and watches).
    /// </summary>
    public static IHost Build(IReadOnlyDictionary<string, string?> overrides, bool? runWorkers)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = false,
        });
        // Command-line verbs keep stderr for progress and errors: framework chatter stays below Warning. MCP server
        // failures reach the user once, through the verb (a tools line, a node error with the stderr tail), not as
        // the SDK's and the hub's log entries with stack traces.
        builder.Configuration.AddInMemoryCollection([
            new("Logging:LogLevel:Default", "Warning"),
            new("Logging:LogLevel:ModelContextProtocol", "None"),
            new("Logging:LogLevel:ModelContextProtocol.Client.McpClient", "None"), // appsettings.json names it for serve
            new("Logging:LogLevel:WorkflowStudio.Engine.Tools.McpToolHub", "Error"),
        ]);
        builder.Configuration.AddInMemoryCollection(overrides);
        if (!(runWorkers ?? IsEmbedded(overrides)))
        {
            builder.Configuration.AddInMemoryCollection([new("Execution:RunWorkers", "false")]);
        }
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddWorkflowStudioEngine(builder.Configuration);
        builder.Services.AddBuiltinTools(); // after the engine, whose database the tools keep their data in
        return builder.Build();
    }

    public static bool IsEmbedded(IReadOnlyDictionary<string, string?> overrides) =>
        DataOptions.StorageFrom(CliConfiguration.Build(overrides)) == DataOptions.SqliteStorage;
}
