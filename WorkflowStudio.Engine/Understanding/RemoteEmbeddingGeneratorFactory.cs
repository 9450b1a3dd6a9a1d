using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace WorkflowStudio.Engine.Understanding;

/// <summary>
/// The generator for <c>Embeddings:Provider</c> <c>openai</c> or <c>ollama</c>: the OpenAI client's embeddings endpoint
/// (Ollama through its OpenAI-compatible <c>/v1</c>), with a per-attempt timeout, its vectors normalized.
/// </summary>
internal static class RemoteEmbeddingGeneratorFactory
{
    /// <summary>Ollama ignores the key, the OpenAI client wants one.</summary>
    private const string PlaceholderKey = "unused";

    public static IEmbeddingGenerator<string, Embedding<float>> Create(EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsLocal || string.IsNullOrWhiteSpace(options.Model))
        {
            throw new InvalidOperationException("No remote embedding model is configured: set Embeddings:Provider to 'openai' or 'ollama' and Embeddings:Model.");
        }
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = EndpointFor(options.Provider.ToLowerInvariant(), options.Endpoint),
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };
        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? PlaceholderKey : options.ApiKey;
        var client = new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetEmbeddingClient(options.Model);
        return new NormalizingEmbeddingGenerator(client.AsIEmbeddingGenerator());
    }

    internal static Uri EndpointFor(string provider, string? endpoint) =>
        new(endpoint is { Length: > 0 } given ? given
            : provider == EmbeddingOptions.OllamaProvider ? EmbeddingOptions.DefaultOllamaEndpoint : EmbeddingOptions.DefaultOpenAiEndpoint);
}
