using Microsoft.Extensions.Options;

namespace WorkflowStudio.Engine.Understanding;

/// <summary>Checks the <c>Embeddings</c> section; every message says how to fix it.</summary>
internal sealed class EmbeddingOptionsValidator : IValidateOptions<EmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        var failures = new List<string>();
        var provider = (options.Provider ?? "").ToLowerInvariant();
        if (provider is not (EmbeddingOptions.LocalProvider or EmbeddingOptions.OpenAiProvider or EmbeddingOptions.OllamaProvider))
        {
            failures.Add($"Embeddings:Provider '{options.Provider}' is not supported: use 'local' (the built-in all-MiniLM-L6-v2, the default), "
                + "'openai' (any OpenAI-compatible endpoint) or 'ollama'.");
            return ValidateOptionsResult.Fail(failures);
        }
        if (provider == EmbeddingOptions.LocalProvider)
        {
            if (options.Model is { Length: > 0 } model && !string.Equals(model, EmbeddingOptions.LocalModel, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"Embeddings:Model '{model}' is not available locally: the local provider has only '{EmbeddingOptions.LocalModel}'; "
                    + "leave Embeddings:Model empty, or set Embeddings:Provider to 'openai' or 'ollama' to use another model.");
            }
            if (!string.IsNullOrWhiteSpace(options.Endpoint) || !string.IsNullOrWhiteSpace(options.ApiKey))
            {
                failures.Add("Embeddings:Endpoint and Embeddings:ApiKey are only used by a remote provider, but Embeddings:Provider is 'local': "
                    + "set Embeddings:Provider to 'openai' or 'ollama', or remove them.");
            }
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            var example = provider == EmbeddingOptions.OllamaProvider ? "nomic-embed-text" : "text-embedding-3-small";
            failures.Add($"Embeddings:Model is required for the '{provider}' provider: set it to an embedding model, e.g. '{example}' (Embeddings__Model).");
        }
        if (options.Endpoint is { Length: > 0 } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"Embeddings:Endpoint '{endpoint}' is not an absolute http(s) URL, e.g. http://localhost:11434/v1.");
        }
        if (provider == EmbeddingOptions.OpenAiProvider && string.IsNullOrWhiteSpace(options.ApiKey) && string.IsNullOrWhiteSpace(options.Endpoint))
        {
            failures.Add("Embeddings:ApiKey is required for the OpenAI API: set Embeddings__ApiKey, or point Embeddings:Endpoint at a local OpenAI-compatible server.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
