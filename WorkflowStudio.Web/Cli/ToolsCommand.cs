using System.Text.Json;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Web.Cli;

/// <summary>
/// <c>studio tools</c>: every server's tools with their MCP annotations, marking those that declare an output schema
/// (<c>--json</c> prints both schemas); unreachable servers are reported, not fatal.
/// </summary>
internal static class ToolsCommand
{
    public static async Task<int> ExecuteAsync(CliArguments args, CancellationToken cancellationToken)
    {
        using var host = CliHost.Build(args.Configuration, runWorkers: false);
        var catalog = host.Services.GetRequiredService<IToolCatalog>();
        var failed = false;
        var listed = new List<ToolDescriptor>();
        foreach (var server in catalog.Servers)
        {
            try
            {
                listed.AddRange(await catalog.GetToolsAsync(server, cancellationToken));
            }
            catch (ToolServerException exception)
            {
                failed = true;
                await Console.Error.WriteLineAsync($"{server}: unavailable: {exception.Message}");
            }
        }
        if (args.Has("--json"))
        {
            var rows = listed.Select(t => new
            {
                name = t.FullName,
                description = t.Description,
                annotations = Badges(t.Annotations),
                input_schema = t.InputSchema,
                output_schema = t.OutputSchema,
            });
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(rows, JsonOptions));
        }
        else
        {
            foreach (var group in listed.GroupBy(t => t.Server))
            {
                await Console.Out.WriteLineAsync($"{group.Key} ({group.Count()} tools)");
                foreach (var tool in group)
                {
                    var badges = Badges(tool.Annotations);
                    if (tool.OutputSchema is not null)
                    {
                        badges.Add(OutputSchemaMark);
                    }
                    await Console.Out.WriteLineAsync(
                        $"  {tool.FullName,-40} {(badges.Count == 0 ? "" : $"[{string.Join(", ", badges)}] ")}{FirstLine(tool.Description)}");
                }
            }
        }
        return failed ? StudioCli.InvalidInput : StudioCli.Ok;
    }

    /// <summary>Marks, in the listing, a tool whose results are checked against the output schema it declares.</summary>
    internal const string OutputSchemaMark = "output schema";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    internal static List<string> Badges(ToolAnnotations annotations)
    {
        var badges = new List<string>();
        if (annotations.ReadOnly == true) badges.Add("read-only");
        if (annotations.Idempotent == true) badges.Add("idempotent");
        if (annotations.IsDestructive) badges.Add("destructive");
        if (annotations.OpenWorld == true) badges.Add("open-world");
        return badges;
    }

    private static string FirstLine(string? text) => text?.Split('\n')[0].Trim() ?? "";
}
