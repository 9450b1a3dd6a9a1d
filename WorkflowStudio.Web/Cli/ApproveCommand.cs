using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Cli;

/// <summary><c>studio approve RUN_ID NODE_ID [--reject] [--reason TEXT] [--by NAME]</c>.</summary>
internal static class ApproveCommand
{
    public static async Task<int> ExecuteAsync(CliArguments args, CancellationToken cancellationToken)
    {
        if (args.Positionals.Count != 2)
        {
            throw new CliUsageException("'studio approve' needs RUN_ID and NODE_ID");
        }
        var (runId, nodeId) = (args.Positionals[0], args.Positionals[1]);
        var by = args.Value("--by") ?? $"cli:{Environment.UserName}";
        var reject = args.Has("--reject");
        var reason = args.Value("--reason");
        if (reject && string.IsNullOrWhiteSpace(reason))
        {
            throw new CliUsageException("--reject needs --reason TEXT (it is recorded and shown with the skipped node)");
        }
        using var host = CliHost.Build(args.Configuration, runWorkers: false);
        await host.StartAsync(cancellationToken);
        try
        {
            var coordinator = host.Services.GetRequiredService<IRunCoordinator>();
            if (reject)
            {
                await coordinator.RejectAsync(runId, nodeId, by, reason!, cancellationToken);
                await Console.Out.WriteLineAsync($"rejected node '{nodeId}' of run {runId}: it and its dependants are skipped");
            }
            else
            {
                await coordinator.ApproveAsync(runId, nodeId, by, cancellationToken: cancellationToken);
                await Console.Out.WriteLineAsync($"approved node '{nodeId}' of run {runId}: it runs now");
            }
            return StudioCli.Ok;
        }
        catch (ApprovalException exception)
        {
            await Console.Error.WriteLineAsync($"studio approve: {exception.Message}");
            return exception.Winner is null ? StudioCli.InvalidInput : StudioCli.Conflict;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
