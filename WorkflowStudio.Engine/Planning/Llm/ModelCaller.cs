using System.ClientModel;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Metering;

namespace WorkflowStudio.Engine.Planning.Llm;

/// <summary>
/// One chat call: applies the configured limits, records the usage (every call, also failed parses), and turns
/// transport failures into one clear sentence. A call on behalf of a tenant (<see cref="ChatUsage.TenantId"/>) whose monthly
/// spend limit is used up is not made (<see cref="ModelSpend"/>). Timeouts and retries live in the client pipeline.
/// </summary>
internal sealed partial class ModelCaller
{
    private readonly IChatClient _client;
    private readonly IUsageRecorder _usage;
    private readonly LlmOptions _options;
    private readonly ILogger<ModelCaller> _logger;
    private readonly IServiceProvider _services;

    public ModelCaller(IChatClient client, IUsageRecorder usage, IOptions<LlmOptions> options, ILogger<ModelCaller> logger, IServiceProvider services)
    {
        _services = services;
        _client = client;
        _usage = usage;
        _options = options.Value;
        _logger = logger;
    }

    public string? Model => _options.Model;

    public async Task<ModelReply> CompleteAsync(IEnumerable<ChatMessage> messages, ChatResponseFormat? format, ChatUsage attribution,
        CancellationToken cancellationToken)
    {
        if (await ModelSpend.RefusalAsync(_services, attribution.TenantId, cancellationToken) is { } refusal)
        {
            return Failed(attribution.Purpose, refusal);
        }
        var chatOptions = new ChatOptions
        {
            MaxOutputTokens = _options.MaxTokens,
            Temperature = _options.Temperature,
            ResponseFormat = _options.StructuredOutput ? format : null,
        };
        ChatResponse response;
        try
        {
            response = await _client.GetResponseAsync(messages, chatOptions, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(attribution.Purpose, string.Create(CultureInfo.InvariantCulture,
                $"the model did not answer within {_options.TimeoutSeconds:0.##} s (Llm:TimeoutSeconds), {_options.MaxRetries + 1} attempt(s)"));
        }
        catch (ClientResultException exception)
        {
            return Failed(attribution.Purpose, $"the model endpoint answered HTTP {exception.Status}: {FirstLine(exception.Message)}");
        }
        catch (HttpRequestException exception)
        {
            return Failed(attribution.Purpose, $"cannot reach the model endpoint: {exception.Message}");
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.Text.Json.JsonException or FormatException)
        {
            return Failed(attribution.Purpose, $"the model endpoint's answer could not be read: {FirstLine(exception.Message)}");
        }
        var usage = new ChatUsage
        {
            Purpose = attribution.Purpose, PlanId = attribution.PlanId, RunId = attribution.RunId, NodeId = attribution.NodeId,
            TenantId = attribution.TenantId, Model = _options.Model ?? response.ModelId,
            InputTokens = response.Usage?.InputTokenCount ?? 0, OutputTokens = response.Usage?.OutputTokenCount ?? 0,
        };
        var cost = await _usage.RecordAsync(usage, cancellationToken);
        LogCall(attribution.Purpose, usage.InputTokens, usage.OutputTokens);
        return new ModelReply(response.Text, null,
            new RunUsage { Calls = 1, InputTokens = usage.InputTokens, OutputTokens = usage.OutputTokens, CostUsd = cost });
    }

    private ModelReply Failed(string purpose, string error)
    {
        LogCallFailed(purpose, error);
        return new ModelReply(null, error, RunUsage.None);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Model call for {Purpose}: {InputTokens} input, {OutputTokens} output tokens")]
    private partial void LogCall(string purpose, long inputTokens, long outputTokens);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model call for {Purpose} failed: {Error}")]
    private partial void LogCallFailed(string purpose, string error);
}
