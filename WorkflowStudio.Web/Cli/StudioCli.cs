using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using WorkflowStudio.Web.Hosting;

namespace WorkflowStudio.Web.Cli;

/// <summary>The command line of the one executable: <c>studio VERB [ARGS] [OPTIONS]</c>.</summary>
internal static class StudioCli
{
    public const int Ok = 0;
    public const int RunFailed = 1;
    public const int InvalidInput = 2;

    /// <summary>A decision that lost: another approve, reject or cancel of the same node came first.</summary>
    public const int Conflict = 3;

    /// <summary>Not started: the tenant (the operator's, for the local CLI) has used up a quota; the message names it and when it resets.</summary>
    public const int QuotaExceeded = 4;

    /// <summary>SIGINT or SIGTERM ended the wait while the run goes on in the cluster (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    private static readonly IReadOnlySet<string> NoValues = new HashSet<string>();

    private static readonly Dictionary<string, IReadOnlySet<string>> VerbOptions = new(StringComparer.Ordinal)
    {
        ["run"] = new HashSet<string> { "--input" },
        ["plan"] = new HashSet<string> { "--input", "--out", "--template" },
        ["orchestrate"] = new HashSet<string> { "--input", "--template" },
        ["runs"] = new HashSet<string> { "--limit", "--status" },
        ["approve"] = new HashSet<string> { "--reason", "--by" },
        ["answer"] = new HashSet<string> { "--accept", "--by" },
        ["cancel"] = new HashSet<string> { "--reason" },
        ["apikey"] = new HashSet<string> { "--tenant", "--tier", "--name" }, // --role is parsed as the global option
        ["user"] = new HashSet<string> { "--tenant" },
    };

    public const string Usage = """
        usage: studio VERB [ARGS] [OPTIONS]

        verbs:
          serve [--role all|web|worker] start the web studio and job server (http://127.0.0.1:5000);
                                        web and worker split them across processes (PostgreSQL only)
          validate FILE|template:ID     check a workflow (ours or the seed's orchestration format) or a built-in
                                        template (e.g. template:sales-intelligence); exit 2 when invalid
          run FILE|template:ID [--input NAME=VALUE]... [--json] [--no-wait]
                                        validate and run a workflow or a built-in template, progress on stderr,
                                        result on stdout; with --storage postgres the run goes to the cluster's
                                        workers; a step waiting for approval waits for 'studio approve'
          plan "REQUEST" [--input NAME=VALUE]... [--template ID] [--out FILE] [--json]
                                        plan a workflow from words (stdin when REQUEST is - or absent); exit 2 when no valid plan
          orchestrate "REQUEST" [--input NAME=VALUE]... [--template ID] [--json]
                                        plan, run and print the result like run
          tools [--json]                list every configured server's tools with their annotations
          runs [--limit N] [--status S] [--json]
                                        list recent runs
          show RUN_ID [--json]          show a run's result
          approve RUN_ID NODE_ID [--reject] [--reason TEXT] [--by NAME]
                                        approve (or reject) a node waiting for approval; exit 3 when another
                                        decision (or a cancel) came first, printing who decided what and when
          answer RUN_ID NODE_ID --accept '{"field": value}' | --decline | --cancel [--by NAME]
                                        answer the question a step's tool server asked (the step is awaiting_input);
                                        exit 2 when the content does not fit the form, 3 when it no longer waits
          cancel RUN_ID [--reason TEXT] stop a run: pending nodes are skipped, running tool calls cancelled
          apikey create --tenant NAME [--tier simple|orchestrated|enterprise] [--role admin|editor|viewer] [--name N]
                                        create a tenant's API key (printed once on stdout; only its hash is kept)
          apikey list [--tenant NAME]   list keys: prefix, role, created, last used, revoked
          apikey revoke ID_OR_PREFIX    revoke a key at once
          user create NAME [--tenant T] [--role admin|editor|viewer]
                                        create a studio sign-in (password on stdin); the UI needs sign-in from then on

        global options (every verb):
          --mcp-config FILE             mcpServers JSON (default ./mcp.json when present)
          --data-dir DIR                state folder (default ./data)
          --storage sqlite|postgres     storage engine (default sqlite under --data-dir)
          --connection STRING           PostgreSQL connection string (or ConnectionStrings__Studio)
          --urls URLS                   listen addresses for serve (default http://127.0.0.1:5000)

        runs started here (run, orchestrate) belong to the operator's tenant ('default'), like every run they go
        through its quotas and are audited as cli:OS_USER; lift a limit in configuration, e.g.
        Pricing__Tiers__orchestrated_workflows__MonthlyRuns=0 (0 = no limit); README's CLI section says why there is no bypass

        exit codes: 0 success, 1 run failed or partly failed, 2 invalid input or configuration, 3 decided already (approve),
                  4 not started: a quota of the tenant is used up, 130 interrupted (SIGINT/SIGTERM) while the run goes on in the cluster
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        // SIGINT (Ctrl-C) and SIGTERM (`timeout`, `kill`, a container stop) end the verb's wait the same way: the verb
        // decides what becomes of its work and exits. Without this, SIGTERM only told the engine host to stop and a
        // `studio run` waiting for an approval sat on.
        void Interrupt(PosixSignalContext signal)
        {
            signal.Cancel = true;
            cancellation.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
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
                "serve" => await ServeCommand.ExecuteAsync(parsed, cancellation.Token),
                "validate" => await ValidateCommand.ExecuteAsync(parsed, cancellation.Token),
                "run" => await RunCommand.ExecuteAsync(parsed, cancellation.Token),
                "plan" => await PlanCommand.ExecuteAsync(parsed, cancellation.Token),
                "orchestrate" => await OrchestrateCommand.ExecuteAsync(parsed, cancellation.Token),
                "tools" => await ToolsCommand.ExecuteAsync(parsed, cancellation.Token),
                "runs" => await RunsCommand.ExecuteAsync(parsed, cancellation.Token),
                "show" => await ShowCommand.ExecuteAsync(parsed, cancellation.Token),
                "approve" => await ApproveCommand.ExecuteAsync(parsed, cancellation.Token),
                "answer" => await AnswerCommand.ExecuteAsync(parsed, cancellation.Token),
                "cancel" => await CancelCommand.ExecuteAsync(parsed, cancellation.Token),
                "apikey" => await ApiKeyCommand.ExecuteAsync(parsed, cancellation.Token),
                "user" => await UserCommand.ExecuteAsync(parsed, cancellation.Token),
                _ => throw new CliUsageException($"unknown verb '{parsed.Verb}'"),
            };
        }
        catch (CliUsageException exception)
        {
            await Console.Error.WriteLineAsync($"studio: {exception.Message}\n\n{Usage}");
            return InvalidInput;
        }
        catch (OptionsValidationException exception)
        {
            // A bad --mcp-config (missing file, invalid mcpServers) or bad settings: a configuration error, not a crash.
            await Console.Error.WriteLineAsync($"studio: {exception.Message}");
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
