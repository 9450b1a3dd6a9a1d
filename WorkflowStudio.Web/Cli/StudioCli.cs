using WorkflowStudio.Web.Hosting;

namespace WorkflowStudio.Web.Cli;

/// <summary>The command line of the one executable: <c>studio VERB [ARGS] [OPTIONS]</c>.</summary>
internal static class StudioCli
{
    public const int Ok = 0;
    public const int RunFailed = 1;
    public const int InvalidInput = 2;

    private static readonly IReadOnlySet<string> NoValues = new HashSet<string>();

    private static readonly Dictionary<string, IReadOnlySet<string>> VerbOptions = new(StringComparer.Ordinal)
    {
        ["run"] = new HashSet<string> { "--input" },
        ["plan"] = new HashSet<string> { "--input", "--out", "--template" },
        ["orchestrate"] = new HashSet<string> { "--input", "--template" },
        ["runs"] = new HashSet<string> { "--limit", "--status" },
    };

    public const string Usage = """
        usage: studio VERB [ARGS] [OPTIONS]

        verbs:
          serve                         start the web studio and job server (http://127.0.0.1:5000)
          validate FILE                 check a workflow (ours or the seed's orchestration format); exit 2 when invalid
          run FILE [--input NAME=VALUE]... [--json]
                                        validate and run a workflow, progress on stderr, result on stdout
          plan "REQUEST" [--input NAME=VALUE]... [--template ID] [--out FILE] [--json]
                                        plan a workflow from words (stdin when REQUEST is - or absent); exit 2 when no valid plan
          orchestrate "REQUEST" [--input NAME=VALUE]... [--template ID] [--json]
                                        plan, run and print the result like run
          tools [--json]                list every configured server's tools with their annotations
          runs [--limit N] [--status S] [--json]
                                        list recent runs
          show RUN_ID [--json]          show a run's result

        global options (every verb):
          --mcp-config FILE             mcpServers JSON (default ./mcp.json when present)
          --data-dir DIR                state folder (default ./data)
          --storage sqlite              storage engine
          --urls URLS                   listen addresses for serve (default http://127.0.0.1:5000)

        exit codes: 0 success, 1 run failed or partly failed, 2 invalid input or configuration
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        try
        {
            var parsed = CliArguments.Parse(args, verb => VerbOptions.GetValueOrDefault(verb, NoValues));
            if (parsed.Has("--help") || parsed.Has("-h") || parsed.Verb == "help")
            {
                Console.Out.WriteLine(Usage);
                return Ok;
            }
            return parsed.Verb switch
            {
                "serve" => await StudioWebHost.RunAsync(parsed.Configuration, cancellation.Token),
                "validate" => await ValidateCommand.ExecuteAsync(parsed, cancellation.Token),
                "run" => await RunCommand.ExecuteAsync(parsed, cancellation.Token),
                "plan" => await PlanCommand.ExecuteAsync(parsed, cancellation.Token),
                "orchestrate" => await OrchestrateCommand.ExecuteAsync(parsed, cancellation.Token),
                "tools" => await ToolsCommand.ExecuteAsync(parsed, cancellation.Token),
                "runs" => await RunsCommand.ExecuteAsync(parsed, cancellation.Token),
                "show" => await ShowCommand.ExecuteAsync(parsed, cancellation.Token),
                _ => throw new CliUsageException($"unknown verb '{parsed.Verb}'"),
            };
        }
        catch (CliUsageException exception)
        {
            await Console.Error.WriteLineAsync($"studio: {exception.Message}\n\n{Usage}");
            return InvalidInput;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("studio: cancelled");
            return RunFailed;
        }
    }

    internal static string Positional(CliArguments args, string name) =>
        args.Positionals.Count == 1
            ? args.Positionals[0]
            : throw new CliUsageException(args.Positionals.Count == 0
                ? $"'studio {args.Verb}' needs {name}"
                : $"'studio {args.Verb}' takes one {name}, got: {string.Join(" ", args.Positionals)}");
}
