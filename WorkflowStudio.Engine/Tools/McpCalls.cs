using System.Collections.Concurrent;
using ModelContextProtocol.Client;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// The tool calls in flight on one MCP client, so that a server's request for input finds the call that asked. Created
/// before the client connects (its handlers need it); <see cref="Client"/> is set once connected.
/// </summary>
internal sealed class McpCalls
{
    private readonly ConcurrentDictionary<McpCall, byte> _active = new();

    public McpClient? Client { get; set; }

    public IDisposable Enter(McpCall call)
    {
        _active[call] = 0;
        return new Exit(this, call);
    }

    public bool Contains(McpCall call) => _active.ContainsKey(call);

    /// <summary>The calls in flight now (a snapshot).</summary>
    public IReadOnlyList<McpCall> Active => [.. _active.Keys];

    private sealed class Exit(McpCalls calls, McpCall call) : IDisposable
    {
        public void Dispose() => calls._active.TryRemove(call, out _);
    }
}
