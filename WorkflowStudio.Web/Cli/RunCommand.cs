using System.Text.Json;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Web.Cli;

/// <summary><c>studio run FILE</c>: validate, run on the embedded job server, stream progress, print the result.</summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(CliArguments args, CancellationToken cancellationToken)
    {
        var path = StudioCli.Positional(args, "FILE");
        var embedded = CliHost.IsEmbedded(args.Configuration);
        if (args.Has("--no-wait") && embedded)
        {
            throw new CliUsageException("--no-wait needs --storage postgres: with the embedded storage this process executes the run itself");
        }
        using var host = CliHost.Build(args.Configuration, runWorkers: null);
        await host.StartAsync(cancellationToken);
        try
        {
            var services = host.Services;
            var loaded = await WorkflowFiles.LoadAsync(
                path, args.Values("--input"), services.GetRequiredService<IToolCatalog>(), services.GetRequiredService<ITemplateCatalog>(), cancellationToken);
            if (loaded.Errors.Count > 0)
            {
                foreach (var error in loaded.Errors)
                {
                    await Console.Error.WriteLineAsync(error);
                }
                return StudioCli.InvalidInput;
            }
            var coordinator = services.GetRequiredService<IRunCoordinator>();
            using var events = services.GetRequiredService<IRunEventStream>().Subscribe();
            var (runId, refused) = await CliRuns.StartAsync(services, loaded.Workflow!, loaded.Inputs, Console.Error, cancellationToken);
            if (runId is null)
            {
                return refused;
            }
            await Console.Error.WriteLineAsync($"run {runId} of '{loaded.Workflow!.Name}' started ({loaded.Workflow.Nodes.Count} nodes)");
            if (args.Has("--no-wait"))
            {
                await Console.Out.WriteLineAsync(runId);
                return StudioCli.Ok;
            }
            var progress = ProgressPrinter.PrintAsync(events, runId, Console.Error, CancellationToken.None);
            if (await RunFollower.WaitAsync(coordinator, runId, embedded, Console.Error, cancellationToken) is not { } result)
            {
                return StudioCli.Interrupted;
            }
            await progress;
            await ResultPrinter.PrintAsync(result, args.Has("--json"), Console.Out);
            return result.Status == RunStatus.Success ? StudioCli.Ok : StudioCli.RunFailed;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
