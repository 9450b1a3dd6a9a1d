using System.ComponentModel.DataAnnotations;

namespace WorkflowStudio.Engine.Understanding;

/// <summary>
/// The text embedding model (configuration section <c>Embeddings</c>, or environment variables <c>Embeddings__Provider</c>, ...).
/// The default, <c>local</c>, is all-MiniLM-L6-v2 on ONNX Runtime, shipped inside a NuGet package: no network, no key.
/// <c>openai</c> and <c>ollama</c> call an OpenAI-compatible <c>/embeddings</c> endpoint instead.
/// </summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Embeddings";
    public const string LocalProvider = "local";
    public const string OpenAiProvider = "openai";
    public const string OllamaProvider = "ollama";
    public const string LocalModel = "all-MiniLM-L6-v2";
    public const int LocalDimensions = 384;
    public const string DefaultOpenAiEndpoint = "https://api.openai.com/v1";
    public const string DefaultOllamaEndpoint = "http://localhost:11434/v1";
    public const int DefaultBatchSize = 32;
    public const double DefaultTimeoutSeconds = 60;

    /// <summary><c>local</c> (default), <c>openai</c> (any OpenAI-compatible endpoint) or <c>ollama</c>.</summary>
    public string Provider { get; set; } = LocalProvider;

    /// <summary>The model name; for <c>local</c> empty or <c>all-MiniLM-L6-v2</c>, required for the remote providers.</summary>
    public string? Model { get; set; }

    /// <summary>Base URL of a remote provider's API; defaults to OpenAI's or Ollama's <c>http://localhost:11434/v1</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The API key of a remote provider; not needed for Ollama or a local endpoint. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Texts encoded per model call; cancellation is checked between batches.</summary>
    [Range(1, 1024, ErrorMessage = "Embeddings:BatchSize must be between 1 and 1024.")]
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>Per HTTP attempt to a remote provider.</summary>
    [Range(0.1, 3600, ErrorMessage = "Embeddings:TimeoutSeconds must be between 0.1 and 3600.")]
    public double TimeoutSeconds { get; set; } = DefaultTimeoutSeconds;

    internal bool IsLocal => string.Equals(Provider, LocalProvider, StringComparison.OrdinalIgnoreCase);
}
