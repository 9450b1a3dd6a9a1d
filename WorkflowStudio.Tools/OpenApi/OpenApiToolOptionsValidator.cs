using Microsoft.Extensions.Options;

namespace WorkflowStudio.Tools.OpenApi;

/// <summary>Checks the expansion limits of <c>Tools:OpenApi</c>, saying which value to set.</summary>
internal sealed class OpenApiToolOptionsValidator : IValidateOptions<OpenApiToolOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenApiToolOptions options)
    {
        var failures = new List<string>();
        if (options.MaxExpandedNodes < 1_000)
        {
            failures.Add($"Tools:OpenApi:MaxExpandedNodes is {options.MaxExpandedNodes}; set at least 1000 (default {OpenApiToolOptions.DefaultMaxExpandedNodes}).");
        }
        if (options.MaxExpandedBytes < 64 * 1024)
        {
            failures.Add($"Tools:OpenApi:MaxExpandedBytes is {options.MaxExpandedBytes}; set at least 65536 (default {OpenApiToolOptions.DefaultMaxExpandedBytes}).");
        }
        if (!(options.MaxExpansionSeconds > 0) || double.IsInfinity(options.MaxExpansionSeconds))
        {
            failures.Add($"Tools:OpenApi:MaxExpansionSeconds is {options.MaxExpansionSeconds}; set a positive number of seconds (default {OpenApiToolOptions.DefaultMaxExpansionSeconds}).");
        }
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
