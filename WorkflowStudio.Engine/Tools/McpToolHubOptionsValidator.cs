using Microsoft.Extensions.Options;

namespace WorkflowStudio.Engine.Tools;

/// <summary>Checks <see cref="McpToolHubOptions"/> at start-up, with messages that say how to fix each problem.</summary>
internal sealed class McpToolHubOptionsValidator : IValidateOptions<McpToolHubOptions>
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, McpToolHubOptions options)
    {
        var failures = new List<string>();
        if (options.StartupTimeout <= TimeSpan.Zero || options.StartupTimeout > MaxTimeout)
        {
            failures.Add($"McpToolHubOptions.StartupTimeout is {options.StartupTimeout}; set it between 1 ms and 1 day (default {McpToolHubOptions.DefaultStartupTimeout}).");
        }
        if (options.CallTimeout != Timeout.InfiniteTimeSpan && (options.CallTimeout <= TimeSpan.Zero || options.CallTimeout > MaxTimeout))
        {
            failures.Add($"McpToolHubOptions.CallTimeout is {options.CallTimeout}; set it between 1 ms and 1 day, or Timeout.InfiniteTimeSpan to disable it (default {McpToolHubOptions.DefaultCallTimeout}).");
        }
        if (options.ShutdownTimeout < TimeSpan.Zero || options.ShutdownTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"McpToolHubOptions.ShutdownTimeout is {options.ShutdownTimeout}; set it between 0 and 5 minutes (default {McpToolHubOptions.DefaultShutdownTimeout}).");
        }
        if (options.MaxConcurrentCallsPerServer is < 1 or > 10_000)
        {
            failures.Add($"McpToolHubOptions.MaxConcurrentCallsPerServer is {options.MaxConcurrentCallsPerServer}; set it between 1 and 10000 (default {McpToolHubOptions.DefaultMaxConcurrentCallsPerServer}).");
        }
        if (options.StderrTailLines is < 0 or > 10_000)
        {
            failures.Add($"McpToolHubOptions.StderrTailLines is {options.StderrTailLines}; set it between 0 and 10000 (default {McpToolHubOptions.DefaultStderrTailLines}).");
        }
        if (options.Servers is null && options.ConfigFile is not null)
        {
            try
            {
                McpServersConfig.Load(options.ConfigFile);
            }
            catch (Exception ex) when (ex is McpConfigException or IOException or UnauthorizedAccessException)
            {
                failures.Add($"The MCP server configuration cannot be used (fix the file or pass another file with --mcp-config):{Environment.NewLine}{ex.Message}");
            }
        }
        else if (options.Servers is null && options.Configuration is not null)
        {
            try
            {
                McpServersConfig.FromConfiguration(options.Configuration);
            }
            catch (McpConfigException ex)
            {
                failures.Add($"The '{McpServersConfig.SectionName}' configuration section is invalid (fix it in appsettings or the environment):{Environment.NewLine}{ex.Message}");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
