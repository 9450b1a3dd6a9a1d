using System.Text.Json;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Web.Cli;

/// <summary><c>studio answer RUN_ID NODE_ID --accept '{json}' | --decline | --cancel [--by NAME]</c>: answers a tool server's question.</summary>
internal static class AnswerCommand
{
    public static async Task<int> ExecuteAsync(CliArguments args, CancellationToken cancellationToken)
    {
        if (args.Positionals.Count != 2)
        {
            throw new CliUsageException("'studio answer' needs RUN_ID and NODE_ID");
        }
        var (runId, nodeId) = (args.Positionals[0], args.Positionals[1]);
        var by = args.Value("--by") ?? $"cli:{Environment.UserName}";
        var chosen = new[] { args.Has("--accept"), args.Has("--decline"), args.Has("--cancel") }.Count(c => c);
        if (chosen != 1)
        {
            throw new CliUsageException("'studio answer' needs exactly one of --accept '{\"field\": value}', --decline or --cancel");
        }
        ToolInputAnswer answer;
        if (args.Value("--accept") is { } json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                answer = new ToolInputAnswer(ToolInputAnswer.Accept, document.RootElement.Clone());
            }
            catch (JsonException exception)
            {
                throw new CliUsageException($"--accept needs the form's fields as a JSON object, e.g. --accept '{{\"name\": \"Ann\"}}': {exception.Message}");
            }
        }
        else
        {
            answer = new ToolInputAnswer(args.Has("--decline") ? ToolInputAnswer.Decline : ToolInputAnswer.Cancel);
        }
        using var host = CliHost.Build(args.Configuration, runWorkers: false);
        await host.StartAsync(cancellationToken);
        try
        {
            var runs = host.Services.GetRequiredService<RunFrontDoor>().For(TenantId.Default);
            if (!await runs.AnswerInputAsync(runId, nodeId, answer, by, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"studio answer: no run '{runId}'");
                return StudioCli.InvalidInput;
            }
            await Console.Out.WriteLineAsync($"answered node '{nodeId}' of run {runId} ({answer.Action}): the answer goes to the tool's server");
            return StudioCli.Ok;
        }
        catch (InputAnswerException exception)
        {
            await Console.Error.WriteLineAsync($"studio answer: {exception.Message}");
            return StudioCli.InvalidInput;
        }
        catch (ApprovalException exception)
        {
            await Console.Error.WriteLineAsync($"studio answer: {exception.Message}");
            return StudioCli.Conflict;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
