using ModelContextProtocol.Client;

namespace WorkflowStudio.Engine.Tools;

/// <summary>One live connection to an MCP server: its client, its tool list and (stdio) its stderr tail.</summary>
internal sealed class McpServerSession(McpClient client, IAsyncDisposable? transport, StderrTail stderr, IReadOnlyList<ToolDescriptor> tools, McpCalls calls) : IAsyncDisposable
{
    private volatile IReadOnlyList<ToolDescriptor> _tools = tools;
    private volatile Dictionary<string, ToolDescriptor> _byName = Index(tools);
    private volatile bool _broken;
    private int _disposed;

    public McpClient Client { get; } = client;
    public StderrTail Stderr { get; } = stderr;

    /// <summary>The calls in flight on this client (a server's request for input finds its call here).</summary>
    public McpCalls Calls { get; } = calls;

    /// <summary>Set when the server announces <c>notifications/tools/list_changed</c>.</summary>
    public bool ToolsStale { get; set; }

    public IReadOnlyList<ToolDescriptor> Tools => _tools;

    /// <summary>False once the connection closed or a call found it broken.</summary>
    public bool IsAlive => !_broken && !Client.Completion.IsCompleted;

    public void MarkBroken() => _broken = true;

    public ToolDescriptor? Find(string tool) => _byName.GetValueOrDefault(tool);

    public void ReplaceTools(IReadOnlyList<ToolDescriptor> tools)
    {
        _byName = Index(tools);
        _tools = tools;
        ToolsStale = false;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        try
        {
            await Client.DisposeAsync();
        }
        finally
        {
            if (transport is not null)
            {
                await transport.DisposeAsync();
            }
        }
    }

    private static Dictionary<string, ToolDescriptor> Index(IReadOnlyList<ToolDescriptor> tools)
    {
        var byName = new Dictionary<string, ToolDescriptor>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            byName.TryAdd(tool.Name, tool);
        }
        return byName;
    }
}
