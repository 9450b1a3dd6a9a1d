using System.Text.Json;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Workflows;

/// <summary>A fake catalog for unit tests: servers with fixed tools, optionally unreachable; counts lookups.</summary>
internal sealed class InMemoryToolCatalog : IToolCatalog
{
    private readonly Dictionary<string, List<ToolDescriptor>> _tools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lookups = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IReadOnlyCollection<string> Servers => _tools.Keys.Concat(_failures.Keys).Order(StringComparer.Ordinal).ToArray();

    /// <summary>A catalog with <c>builtin/echo</c> (message: string, required) and <c>builtin/delay</c> (seconds: number ≥ 0).</summary>
    public static InMemoryToolCatalog WithBuiltins() => new InMemoryToolCatalog()
        .Add("builtin", "echo", """{ "type": "object", "properties": { "message": { "type": "string" } }, "required": ["message"] }""")
        .Add("builtin", "delay", """{ "type": "object", "properties": { "seconds": { "type": "number", "minimum": 0 } }, "additionalProperties": false }""");

    public InMemoryToolCatalog Add(string server, string name, string inputSchema = """{ "type": "object" }""", ToolAnnotations? annotations = null)
    {
        if (!_tools.TryGetValue(server, out var list))
        {
            _tools[server] = list = [];
        }
        list.Add(new ToolDescriptor { Server = server, Name = name, InputSchema = JsonSerializer.Deserialize<JsonElement>(inputSchema),
            Annotations = annotations ?? ToolAnnotations.Unknown });
        return this;
    }

    public InMemoryToolCatalog Unreachable(string server, string message)
    {
        _failures[server] = message;
        return this;
    }

    public int LookupsOf(string server)
    {
        lock (_gate)
        {
            return _lookups.GetValueOrDefault(server);
        }
    }

    public ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _lookups[server] = _lookups.GetValueOrDefault(server) + 1;
        }
        if (_failures.TryGetValue(server, out var message))
        {
            throw new ToolServerException(server, message);
        }
        return _tools.TryGetValue(server, out var tools)
            ? ValueTask.FromResult<IReadOnlyList<ToolDescriptor>>(tools)
            : throw new KeyNotFoundException($"No tool server named '{server}' is configured.");
    }
}
