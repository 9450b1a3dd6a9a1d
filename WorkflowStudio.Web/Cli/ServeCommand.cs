using WorkflowStudio.Engine;
using WorkflowStudio.Web.Hosting;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Web.Cli;

/// <summary><c>studio serve [--role all|web|worker]</c>.</summary>
internal static class ServeCommand
{
    public static async Task<int> ExecuteAsync(CliArguments args, CancellationToken cancellationToken)
    {
        var configurationNow = CliConfiguration.Build(args.Configuration);
        var role = configurationNow[StudioRoles.ConfigurationKey] ?? StudioRoles.All;
        if (StudioRoles.Check(role, DataOptions.StorageFrom(configurationNow)) is { } problem)
        {
            throw new CliUsageException(problem);
        }
        var configuration = new Dictionary<string, string?>(args.Configuration, StringComparer.OrdinalIgnoreCase);
        if (role == StudioRoles.Web)
        {
            configuration["Execution:RunWorkers"] = "false";
        }
        return role == StudioRoles.Worker
            ? await WorkerHost.RunAsync(configuration, cancellationToken)
            : await StudioWebHost.RunAsync(configuration, cancellationToken);
    }
}
