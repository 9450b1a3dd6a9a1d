using WorkflowStudio.Web.Hosting;

namespace WorkflowStudio.Web.Cli;

/// <summary>
/// Entry point: dispatches the command-line verb. Interim version from the web branch wiring only
/// <c>serve</c>; the CLI branch replaces this file with the full verb set at merge.
/// </summary>
internal static class StudioCli
{
    private static readonly Dictionary<string, string> OptionKeys = new(StringComparer.Ordinal)
    {
        ["--mcp-config"] = StudioConfigurationKeys.McpConfig,
        ["--data-dir"] = StudioConfigurationKeys.DataDir,
        ["--storage"] = StudioConfigurationKeys.Storage,
        ["--connection"] = StudioConfigurationKeys.ConnectionString,
        ["--urls"] = StudioConfigurationKeys.Urls,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "serve")
        {
            await Console.Error.WriteLineAsync("usage: studio serve [--urls U] [--data-dir D] [--mcp-config F] [--storage sqlite|postgres] [--connection S]");
            return 2;
        }

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < args.Length; i++)
        {
            if (!OptionKeys.TryGetValue(args[i], out var key) || i + 1 >= args.Length)
            {
                await Console.Error.WriteLineAsync($"studio serve: unknown option or missing value: {args[i]}");
                return 2;
            }
            overrides[key] = args[++i];
        }

        return await StudioWebHost.RunAsync(overrides, CancellationToken.None);
    }
}
