using System.Text.Json;

namespace WorkflowStudio.Engine.Tools;

/// <summary>Serves every registered <see cref="IBuiltinTool"/> under the server name <c>builtin</c>.</summary>
internal sealed class BuiltinToolSource : IToolSource
{
    private readonly Dictionary<string, IBuiltinTool> _tools = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<ToolDescriptor> _descriptors;
    private readonly TimeProvider _timeProvider;

    public BuiltinToolSource(IEnumerable<IBuiltinTool> tools, TimeProvider timeProvider)
    {
        foreach (var tool in tools)
        {
            var descriptor = tool.Descriptor;
            if (descriptor.Server != McpServersConfig.BuiltinServerName)
            {
                throw new InvalidOperationException($"Built-in tool {tool.GetType().Name} declares server '{descriptor.Server}'; built-in tools must use '{McpServersConfig.BuiltinServerName}'.");
            }
            if (!_tools.TryAdd(descriptor.Name, tool))
            {
                throw new InvalidOperationException($"Two built-in tools are named '{descriptor.Name}' ({_tools[descriptor.Name].GetType().Name} and {tool.GetType().Name}); rename one.");
            }
        }
        _descriptors = [.. _tools.Values.Select(t => t.Descriptor).OrderBy(d => d.Name, StringComparer.Ordinal)];
        _timeProvider = timeProvider;
    }

    public IReadOnlyCollection<string> Servers { get; } = [McpServersConfig.BuiltinServerName];

    public ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default)
    {
        EnsureBuiltin(server);
        return ValueTask.FromResult(_descriptors);
    }

    public ValueTask<ToolCallResult> InvokeAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureBuiltin(request.Server);
        if (!_tools.TryGetValue(request.Tool, out var tool))
        {
            return ValueTask.FromResult(ToolCallResult.Failure(
                $"There is no built-in tool '{request.Tool}' (known: {string.Join(", ", _descriptors.Select(d => d.FullName))})."));
        }
        var arguments = request.Arguments.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? EmptyObject : request.Arguments;
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            return ValueTask.FromResult(ToolCallResult.Failure($"Arguments of '{tool.Descriptor.FullName}' must be a JSON object, got {arguments.ValueKind.ToString().ToLowerInvariant()}."));
        }
        var tenant = request.EffectiveTenantId;
        if (!Tenancy.Tenant.IsValidId(tenant))
        {
            // Tenant ids name folders and key rows: never let one that could escape a files root through.
            return ValueTask.FromResult(ToolCallResult.Failure(
                $"'{tool.Descriptor.FullName}' was called for tenant '{tenant}', which is not a valid tenant id (lower-case letters, digits, '-' and '_', at most {Tenancy.Tenant.MaxIdLength})."));
        }
        if (BuiltinToolArguments.TooDeep(arguments, tool.Descriptor.FullName) is { } tooDeep)
        {
            return ValueTask.FromResult(ToolCallResult.Failure(tooDeep));
        }
        return InvokeAsync(tool, arguments, new BuiltinToolContext(request.IdempotencyKey, _timeProvider, tenant), cancellationToken);
    }

    /// <summary>Runs the tool; an error that quotes a huge argument is cut to a readable length.</summary>
    private static async ValueTask<ToolCallResult> InvokeAsync(IBuiltinTool tool, JsonElement arguments, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var result = await tool.InvokeAsync(arguments, context, cancellationToken);
        return result is { IsError: true, ErrorMessage.Length: > BuiltinToolArguments.MaxErrorChars }
            ? ToolCallResult.Failure(BuiltinToolArguments.Clip(result.ErrorMessage))
            : result;
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private static void EnsureBuiltin(string server)
    {
        if (server != McpServersConfig.BuiltinServerName)
        {
            throw new KeyNotFoundException($"The built-in tool source serves only '{McpServersConfig.BuiltinServerName}', not '{server}'.");
        }
    }
}
