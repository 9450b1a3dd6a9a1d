using Microsoft.Extensions.Options;

namespace WorkflowStudio.Engine.Planning;

/// <summary>Checks the <c>Llm</c> section when a model is configured; every message says how to fix it.</summary>
internal sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        var provider = options.Provider.ToLowerInvariant();
        if (provider is not (LlmOptions.OpenAiProvider or LlmOptions.AzureOpenAiProvider or LlmOptions.OllamaProvider))
        {
            failures.Add($"Llm:Provider '{options.Provider}' is not supported: use 'openai' (any OpenAI-compatible endpoint), 'azure-openai' or 'ollama'.");
        }
        if (provider == LlmOptions.AzureOpenAiProvider && string.IsNullOrWhiteSpace(options.Endpoint))
        {
            failures.Add("Llm:Endpoint is required for azure-openai: set it to https://RESOURCE.openai.azure.com/ (Llm__Endpoint).");
        }
        if (options.Endpoint is { Length: > 0 } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"Llm:Endpoint '{endpoint}' is not an absolute http(s) URL, e.g. http://localhost:11434/v1.");
        }
        if (provider is LlmOptions.OpenAiProvider or LlmOptions.AzureOpenAiProvider
            && string.IsNullOrWhiteSpace(options.ApiKey) && string.IsNullOrWhiteSpace(options.Endpoint))
        {
            failures.Add("Llm:ApiKey is required for the OpenAI API: set Llm__ApiKey, or point Llm:Endpoint at a local OpenAI-compatible server.");
        }
        foreach (var (model, price) in options.Prices)
        {
            if (price.InputPerMillion < 0 || price.OutputPerMillion < 0)
            {
                failures.Add($"Llm:Prices:{model}: prices must be zero or positive USD per million tokens.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
