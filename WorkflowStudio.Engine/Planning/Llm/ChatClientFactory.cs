using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace WorkflowStudio.Engine.Planning.Llm;

/// <summary>
/// Builds the <see cref="IChatClient"/> for the <c>Llm</c> section on the OpenAI client, whose pipeline carries the
/// per-attempt timeout (<see cref="LlmOptions.TimeoutSeconds"/>) and the retries (<see cref="RetryAfterPolicy"/>).
/// Ollama and Azure OpenAI are reached through their OpenAI-compatible endpoints (<c>/v1</c>, <c>/openai/v1/</c>).
/// </summary>
internal static class ChatClientFactory
{
    /// <summary>Ollama ignores the key, the OpenAI client wants one.</summary>
    private const string PlaceholderKey = "unused";

    public static IChatClient Create(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            throw new InvalidOperationException("No model is configured: set Llm:Model (Llm__Model) to use a language model.");
        }
        var provider = options.Provider.ToLowerInvariant();
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = EndpointFor(provider, options.Endpoint),
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            RetryPolicy = new RetryAfterPolicy(options.MaxRetries),
        };
        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? PlaceholderKey : options.ApiKey;
        if (provider == LlmOptions.AzureOpenAiProvider)
        {
            clientOptions.AddPolicy(new AzureApiKeyPolicy(key), PipelinePosition.BeforeTransport);
        }
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(options.Model).AsIChatClient();
    }

    internal static Uri EndpointFor(string provider, string? endpoint)
    {
        if (provider == LlmOptions.AzureOpenAiProvider)
        {
            var azure = new Uri(endpoint!.TrimEnd('/') + "/");
            return azure.AbsolutePath == "/" ? new Uri(azure, "openai/v1/") : azure;
        }
        return new Uri(endpoint is { Length: > 0 } given ? given
            : provider == LlmOptions.OllamaProvider ? LlmOptions.DefaultOllamaEndpoint : LlmOptions.DefaultOpenAiEndpoint);
    }
}
