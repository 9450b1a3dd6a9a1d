using System.ClientModel.Primitives;

namespace WorkflowStudio.Engine.Planning.Llm;

/// <summary>Azure OpenAI authenticates keys with an <c>api-key</c> header, not <c>Authorization: Bearer</c>.</summary>
internal sealed class AzureApiKeyPolicy : PipelinePolicy
{
    private readonly string _key;

    public AzureApiKeyPolicy(string key)
    {
        _key = key;
    }

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Apply(message.Request);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Apply(message.Request);
        await ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Apply(PipelineRequest request)
    {
        request.Headers.Remove("Authorization");
        request.Headers.Set("api-key", _key);
    }
}
