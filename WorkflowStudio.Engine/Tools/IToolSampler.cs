using ModelContextProtocol.Protocol;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// Answers an MCP server's <c>sampling/createMessage</c> with the configured model, metered against the call's tenant and
/// run. Registered by the planning room; <see cref="IsAvailable"/> is false without a model, and then the tool hub does
/// not advertise sampling to servers.
/// </summary>
public interface IToolSampler
{
    bool IsAvailable { get; }

#pragma warning disable MCP9005 // sampling is deprecated by 2026-07-28 (SEP-2577), but 2025-era servers still ask for it
    ValueTask<CreateMessageResult> SampleAsync(CreateMessageRequestParams parameters, ToolCallRequest call, CancellationToken cancellationToken = default);
#pragma warning restore MCP9005
}
