namespace WorkflowStudio.Engine.Tools;

/// <summary>Calls a tool on whichever source serves its server.</summary>
public interface IToolInvoker
{
    ValueTask<ToolCallResult> InvokeAsync(ToolCallRequest request, CancellationToken cancellationToken = default);
}
