namespace WorkflowStudio.Engine.Tools;

/// <summary>Every configured server's tools, by <c>server/tool</c>.</summary>
public interface IToolCatalog
{
    /// <summary>Configured server names, <c>builtin</c> included.</summary>
    IReadOnlyCollection<string> Servers { get; }

    /// <summary>Tools of one server; throws <see cref="ToolServerException"/> when it is unreachable, <see cref="KeyNotFoundException"/> when it is not configured.</summary>
    ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default);
}
