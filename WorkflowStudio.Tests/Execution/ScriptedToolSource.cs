using System.Collections.Concurrent;
using System.Text.Json;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Execution;

/// <summary>
/// In-process tools for executor unit tests (server "test"): each tool is a delegate, every call is recorded.
/// Integration tests drive real MCP servers; these isolate the executor's own logic.
/// </summary>
internal sealed class ScriptedToolSource : IToolSource
{
    public const string Server = "test";
    private readonly Dictionary<string, (ToolDescriptor Descriptor, Func<ToolCallRequest, CancellationToken, Task<ToolCallResult>> Handler)> _tools = new();

    public ConcurrentQueue<(string Tool, JsonElement Args, string? Key, DateTimeOffset Start, DateTimeOffset End)> Calls { get; } = new();

    public IReadOnlyCollection<string> Servers => [Server];

    public ScriptedToolSource Add(
        string name, Func<ToolCallRequest, CancellationToken, Task<ToolCallResult>> handler, ToolAnnotations? annotations = null,
        string? description = null, string inputSchema = """{"type":"object"}""")
    {
        _tools[name] = (new ToolDescriptor
        {
            Server = Server,
            Name = name,
            Description = description ?? $"scripted {name}",
            InputSchema = JsonDocument.Parse(inputSchema).RootElement.Clone(),
            Annotations = annotations ?? ToolAnnotations.Unknown,
        }, handler);
        return this;
    }

    /// <summary>A tool that waits <paramref name="delay"/> and returns <c>{"node": args.name, "value": args.value}</c>.</summary>
    public ScriptedToolSource AddDelay(string name, TimeSpan delay, ToolAnnotations? annotations = null) =>
        Add(name, async (request, ct) =>
        {
            await Task.Delay(delay, ct);
            return ToolCallResult.Success(request.Arguments);
        }, annotations);

    public ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<ToolDescriptor>>(_tools.Values.Select(t => t.Descriptor).ToArray());

    public async ValueTask<ToolCallResult> InvokeAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        var start = DateTimeOffset.UtcNow;
        try
        {
            return await _tools[request.Tool].Handler(request, cancellationToken);
        }
        finally
        {
            Calls.Enqueue((request.Tool, request.Arguments, request.IdempotencyKey, start, DateTimeOffset.UtcNow));
        }
    }
}
