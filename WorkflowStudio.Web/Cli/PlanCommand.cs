using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Cli;

/// <summary><c>studio plan "REQUEST" [--json] [--out FILE] [--input N=V]... [--template ID]</c>: prints the plan and its estimates.</summary>
internal static class PlanCommand
{
    public static Task<int> ExecuteAsync(CliArguments args, CancellationToken cancellationToken) =>
        ExecuteAsync(args, Console.In, Console.IsInputRedirected, Console.Out, Console.Error, cancellationToken);

    internal static async Task<int> ExecuteAsync(CliArguments args, TextReader stdin, bool stdinRedirected, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var request = await ReadRequestAsync(args, stdin, stdinRedirected, cancellationToken);
        using var host = CliHost.Build(args.Configuration, runWorkers: false);
        await host.StartAsync(cancellationToken);
        try
        {
            var result = await host.Services.GetRequiredService<IWorkflowPlanner>().PlanAsync(request, cancellationToken);
            if (!await ReportFailureAsync(result, stderr))
            {
                return StudioCli.InvalidInput;
            }
            if (args.Value("--out") is { } file)
            {
                await File.WriteAllTextAsync(file, WorkflowJson.Serialize(result.Workflow!) + Environment.NewLine, cancellationToken);
                await stderr.WriteLineAsync($"plan written to {file} (run it with: studio run {file})");
            }
            await (args.Has("--json") ? stdout.WriteLineAsync(Json(result)) : PrintAsync(result, stdout));
            return StudioCli.Ok;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The request from the positional words, or stdin when it is <c>-</c> or absent and stdin is redirected.</summary>
    internal static async Task<PlanRequest> ReadRequestAsync(CliArguments args, TextReader stdin, bool stdinRedirected, CancellationToken cancellationToken)
    {
        var words = string.Join(" ", args.Positionals).Trim();
        var text = words == "-" || (words.Length == 0 && stdinRedirected) ? (await stdin.ReadToEndAsync(cancellationToken)).Trim() : words;
        if (text.Length == 0)
        {
            throw new CliUsageException($"'studio {args.Verb}' needs a REQUEST in words (or on stdin), e.g. studio {args.Verb} \"Analyze Q3 sales and email the team\"");
        }
        var inputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var pair in args.Values("--input"))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliUsageException($"--input '{pair}' must be NAME=VALUE, e.g. --input period=Q3_2024");
            }
            inputs[pair[..equals]] = JsonSerializer.SerializeToElement(pair[(equals + 1)..]);
        }
        return new PlanRequest { Request = text, Inputs = inputs, TemplateId = args.Value("--template") };
    }

    /// <summary>Writes why there is no plan; false when there is none.</summary>
    internal static async Task<bool> ReportFailureAsync(PlanResult result, TextWriter stderr)
    {
        foreach (var warning in result.Warnings)
        {
            await stderr.WriteLineAsync($"warning: {warning}");
        }
        if (result.Succeeded)
        {
            return true;
        }
        await stderr.WriteLineAsync($"studio: no valid plan ({result.Planner} planner):");
        foreach (var error in result.Errors)
        {
            await stderr.WriteLineAsync($"  {error}");
        }
        return false;
    }

    internal static string Json(PlanResult result)
    {
        var json = new JsonObject
        {
            ["planner"] = result.Planner,
            ["plan_id"] = result.PlanId,
            ["explanation"] = result.Explanation,
            ["workflow"] = JsonNode.Parse(WorkflowJson.Serialize(result.Workflow!)),
            ["metadata"] = JsonNode.Parse(PlanningJson.ToElement(result.Metadata!).GetRawText()),
            ["usage"] = JsonNode.Parse(PlanningJson.ToElement(result.Usage).GetRawText()),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    internal static async Task PrintAsync(PlanResult result, TextWriter writer)
    {
        var workflow = result.Workflow!;
        var metadata = result.Metadata!;
        await writer.WriteLineAsync($"Plan '{workflow.Name}' ({result.Planner} planner): {result.Explanation}");
        await writer.WriteLineAsync();
        var graph = WorkflowGraph.Build(workflow);
        var idWidth = Math.Max(4, workflow.Nodes.Max(n => n.Id.Length));
        var toolWidth = Math.Max(4, workflow.Nodes.Max(n => n.Tool.Length));
        await writer.WriteLineAsync($"{"STEP".PadRight(idWidth)}  {"TOOL".PadRight(toolWidth)}  {"EST.",8}  AFTER");
        foreach (var node in workflow.Nodes)
        {
            var after = graph.DependenciesOf(node.Id);
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{node.Id.PadRight(idWidth)}  {node.Tool.PadRight(toolWidth)}  {metadata.ToolLatencyMs[node.Tool] / 1000,7:0.00}s  {(after.Count == 0 ? "-" : string.Join(", ", after))}"));
        }
        await writer.WriteLineAsync();
        await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Estimated duration {metadata.EstimatedDurationMs / 1000:0.00}s along {string.Join(" → ", metadata.CriticalPath)}; " +
            $"max parallelism {metadata.MaxParallelism}, depth {metadata.Depth}, {metadata.ToolCalls} tool calls, " +
            $"estimated cost ${metadata.EstimatedCostUsd:0.####}, complexity {metadata.ComplexityScore:0.#}"));
        if (metadata.ToolsWithoutHistory.Count > 0)
        {
            await writer.WriteLineAsync($"No latency history yet for: {string.Join(", ", metadata.ToolsWithoutHistory)} (default latency used)");
        }
        await writer.WriteLineAsync($"Needs: {string.Join(", ", metadata.ResourceRequirements)}");
        if (workflow.Inputs.Count > 0)
        {
            await writer.WriteLineAsync("Inputs: " + string.Join(", ", workflow.Inputs.Select(i =>
                i.Value.Default is { } value ? $"{i.Key}={value.GetRawText()}" : $"{i.Key} (required: --input {i.Key}=...)")));
        }
        if (result.Usage.Calls > 0)
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Planning used {result.Usage.Tokens} tokens in {result.Usage.Calls} model call(s), ${result.Usage.CostUsd:0.######}"));
        }
    }
}
