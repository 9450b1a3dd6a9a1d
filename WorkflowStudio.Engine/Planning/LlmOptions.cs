using System.ComponentModel.DataAnnotations;
using WorkflowStudio.Engine.Metering;

namespace WorkflowStudio.Engine.Planning;

/// <summary>
/// The language model (configuration section <c>Llm</c>, or environment variables <c>Llm__Endpoint</c>, ...).
/// Without <see cref="Model"/> nothing calls a model: the offline planner and the deterministic synthesizer answer.
/// </summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";
    public const string OpenAiProvider = "openai";
    public const string AzureOpenAiProvider = "azure-openai";
    public const string OllamaProvider = "ollama";
    public const string DefaultOpenAiEndpoint = "https://api.openai.com/v1";
    public const string DefaultOllamaEndpoint = "http://localhost:11434/v1";
    public const int DefaultMaxRepairRounds = 2;
    public const double DefaultTimeoutSeconds = 120;
    public const int DefaultMaxRetries = 3;
    public const int DefaultMaxCatalogTools = 40;

    /// <summary><c>openai</c> (any OpenAI-compatible endpoint: OpenAI, vLLM, LM Studio, Ollama's /v1), <c>azure-openai</c>, <c>ollama</c>.</summary>
    public string Provider { get; set; } = OpenAiProvider;

    /// <summary>Base URL of the API; defaults per provider (OpenAI's, Ollama's <c>http://localhost:11434/v1</c>); required for Azure OpenAI.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model (or Azure deployment) name. Empty = no model configured.</summary>
    public string? Model { get; set; }

    /// <summary>The API key; not needed for Ollama. Never logged.</summary>
    public string? ApiKey { get; set; }

    [Range(1, 1_000_000, ErrorMessage = "Llm:MaxTokens must be between 1 and 1000000 (or left unset for the model's default).")]
    public int? MaxTokens { get; set; }

    [Range(0.0, 2.0, ErrorMessage = "Llm:Temperature must be between 0 and 2 (or left unset).")]
    public float? Temperature { get; set; }

    /// <summary>How often an invalid plan is sent back to the model with its validation errors.</summary>
    [Range(0, 10, ErrorMessage = "Llm:MaxRepairRounds must be between 0 and 10.")]
    public int MaxRepairRounds { get; set; } = DefaultMaxRepairRounds;

    /// <summary>Per HTTP attempt; a model that does not answer in time fails the call (after retries).</summary>
    [Range(0.1, 3600, ErrorMessage = "Llm:TimeoutSeconds must be between 0.1 and 3600.")]
    public double TimeoutSeconds { get; set; } = DefaultTimeoutSeconds;

    /// <summary>Retries after HTTP 408/429/5xx and network errors; a <c>Retry-After</c> header sets the wait.</summary>
    [Range(0, 10, ErrorMessage = "Llm:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>Catalogs with more tools are narrowed (BM25 over names and descriptions) before the prompt is built.</summary>
    [Range(1, 1000, ErrorMessage = "Llm:MaxCatalogTools must be between 1 and 1000.")]
    public int MaxCatalogTools { get; set; } = DefaultMaxCatalogTools;

    /// <summary>Ask for structured output (JSON schema response format); turn off for servers that reject it.</summary>
    public bool StructuredOutput { get; set; } = true;

    /// <summary>USD per million tokens by model id: <c>Llm:Prices:gpt-4o-mini:InputPerMillion</c>.</summary>
    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Model);
}
