using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Cli;

/// <summary><c>studio show RUN_ID</c>: the run's result so far (or final).</summary>
internal static class ShowCommand
{
    public static async Task<int> ExecuteAsync(CliArguments args, CancellationToken cancellationToken)
    {
        var runId = StudioCli.Positional(args, "RUN_ID");
        using var host = CliHost.Build(args.Configuration, runWorkers: false);
        await host.StartAsync(cancellationToken);
        try
        {
            var result = await host.Services.GetRequiredService<IRunCoordinator>().GetResultAsync(runId, cancellationToken);
            if (result is null)
            {
                await Console.Error.WriteLineAsync($"studio: no run with id '{runId}' in this data directory (see 'studio runs')");
                return StudioCli.InvalidInput;
            }
            await ResultPrinter.PrintAsync(result, args.Has("--json"), Console.Out);
            return result.Status == RunStatus.Success ? StudioCli.Ok : StudioCli.RunFailed;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
