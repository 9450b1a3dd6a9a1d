using System.Globalization;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Web.Cli;

/// <summary><c>studio orchestrate "REQUEST" [--input N=V]... [--json]</c>: plan, run on the embedded job server, print the seed-shaped result.</summary>
internal static class OrchestrateCommand
{
    public static Task<int> ExecuteAsync(CliArguments args, CancellationToken cancellationToken) =>
        ExecuteAsync(args, Console.In, Console.IsInputRedirected, Console.Out, Console.Error, cancellationToken);

    internal static async Task<int> ExecuteAsync(CliArguments args, TextReader stdin, bool stdinRedirected, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var request = await PlanCommand.ReadRequestAsync(args, stdin, stdinRedirected, cancellationToken);
        using var host = CliHost.Build(args.Configuration, runWorkers: null);
        await host.StartAsync(cancellationToken);
        try
        {
            var services = host.Services;
            var plan = await services.GetRequiredService<IWorkflowPlanner>().PlanAsync(request, cancellationToken);
            if (!await PlanCommand.ReportFailureAsync(plan, stderr))
            {
                return StudioCli.InvalidInput;
            }
            if (plan.Confidence?.RefusalToRun() is { } refusal)
            {
                await stderr.WriteLineAsync(refusal);
                return StudioCli.InvalidInput;
            }
            var workflow = plan.Workflow!;
            await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"plan '{workflow.Name}' ({plan.Planner} planner, {workflow.Nodes.Count} nodes, estimated {plan.Metadata!.EstimatedDurationMs / 1000:0.00}s): {plan.Explanation}"));
            // Inputs given on the command line are already the plan's defaults; what is still required has no value.
            var inputs = InputParser.Parse(workflow, []).Values;
            var errors = await WorkflowValidator.ValidateAsync(workflow, services.GetRequiredService<IToolCatalog>(), inputs, cancellationToken);
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await stderr.WriteLineAsync($"{error} (give it with --input NAME=VALUE)");
                }
                return StudioCli.InvalidInput;
            }
            var coordinator = services.GetRequiredService<IRunCoordinator>();
            using var events = services.GetRequiredService<IRunEventStream>().Subscribe();
            var (runId, refused) = await CliRuns.StartAsync(services, workflow, inputs, stderr, cancellationToken);
            if (runId is null)
            {
                return refused;
            }
            if (plan.Usage.Calls > 0)
            {
                await services.GetRequiredService<IUsageRecorder>().AttachPlanToRunAsync(plan.PlanId, runId, cancellationToken);
            }
            await stderr.WriteLineAsync($"run {runId} of '{workflow.Name}' started ({workflow.Nodes.Count} nodes)");
            var progress = ProgressPrinter.PrintAsync(events, runId, stderr, CancellationToken.None);
            if (await RunFollower.WaitAsync(coordinator, runId, CliHost.IsEmbedded(args.Configuration), stderr, cancellationToken) is not { } result)
            {
                return StudioCli.Interrupted;
            }
            await progress;
            await ResultPrinter.PrintAsync(result, args.Has("--json"), stdout);
            return result.Status == RunStatus.Success ? StudioCli.Ok : StudioCli.RunFailed;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
