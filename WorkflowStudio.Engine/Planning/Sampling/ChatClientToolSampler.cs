using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Planning.Sampling;

/// <summary>
/// Answers MCP servers' sampling requests through the planner's <see cref="IChatClient"/> (the SDK's own conversion of
/// messages), recording each model call's tokens as usage of the call's tenant, run and node (purpose
/// <see cref="UsagePurpose.Sampling"/>). Unavailable without a model; refused (<see cref="ModelSpend"/>) for a tenant whose
/// monthly spend limit is used up.
/// </summary>
internal sealed class ChatClientToolSampler(IServiceProvider services, IUsageRecorder usage, IOptions<LlmOptions> options) : IToolSampler
{
    private readonly IChatClient? _chat = (IChatClient?)services.GetService(typeof(IChatClient));

    public bool IsAvailable => _chat is not null;

#pragma warning disable MCP9005 // sampling is deprecated by 2026-07-28 (SEP-2577), but 2025-era servers still ask for it
    public async ValueTask<CreateMessageResult> SampleAsync(CreateMessageRequestParams parameters, ToolCallRequest call, CancellationToken cancellationToken = default)
    {
        if (_chat is null)
        {
            throw new McpException("WorkflowStudio has no model to answer sampling requests: set Llm:Model (Llm__Model) to let MCP servers use it.");
        }
        if (await ModelSpend.RefusalAsync(services, call.EffectiveTenantId, cancellationToken) is { } refusal)
        {
            throw new McpException($"WorkflowStudio refused the sampling request: {refusal}.");
        }
        var metered = new MeteredChatClient(_chat, usage, new ChatUsage
        {
            Purpose = UsagePurpose.Sampling, Model = options.Value.Model, TenantId = call.EffectiveTenantId, RunId = call.RunId, NodeId = call.NodeId,
        });
        var handler = metered.CreateSamplingHandler();
        return await handler(parameters, new Progress<ProgressNotificationValue>(), cancellationToken);
    }
#pragma warning restore MCP9005
}
