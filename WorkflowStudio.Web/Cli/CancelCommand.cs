using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Cli;

/// <summary><c>studio cancel RUN_ID [--reason TEXT]</c>.</summary>
internal static class CancelCommand
{
    public static async Task<int> ExecuteAsync(CliArguments args, CancellationToken cancellationToken)
    {
        var runId = StudioCli.Positional(args, "RUN_ID");
        var reason = args.Value("--reason") ?? $"cancelled by cli:{Environment.UserName}";
        using var host = CliHost.Build(args.Configuration, runWorkers: false);
        await host.StartAsync(cancellationToken);
        try
        {
            if (!await host.Services.GetRequiredService<IRunCoordinator>().CancelAsync(runId, reason, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"studio cancel: run {runId} is unknown or already finished (see 'studio show {runId}')");
                return StudioCli.InvalidInput;
            }
            await Console.Out.WriteLineAsync($"cancelling run {runId}: pending nodes skipped, running tool calls cancelled");
            return StudioCli.Ok;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
