using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WorkflowStudio.Engine.Metering;

namespace WorkflowStudio.Engine.Planning.Sampling;

/// <summary>Passes calls to the model and records each response's tokens with <paramref name="attribution"/>.</summary>
internal sealed class MeteredChatClient(IChatClient inner, IUsageRecorder usage, ChatUsage attribution) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        await RecordAsync(response.Usage, response.ModelId, cancellationToken);
        return response;
    }

    /// <summary>
    /// One whole response, handed out as updates: a sampling answer goes back to the server in one piece anyway, and the
    /// response's usage is then known for certain (streams carry it only when the provider sends it).
    /// </summary>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    private async Task RecordAsync(UsageDetails? details, string? model, CancellationToken cancellationToken) =>
        await usage.RecordAsync(attribution with
        {
            Model = attribution.Model ?? model,
            InputTokens = details?.InputTokenCount ?? 0,
            OutputTokens = details?.OutputTokenCount ?? 0,
        }, cancellationToken);
}
