using System.Text.Json;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// <c>builtin/delay</c>: waits <c>milliseconds</c> (0 to 600000), honouring cancellation, then answers
/// <c>{ "waitedMs": N }</c>. Useful to pace a workflow or to rehearse timeouts and parallelism.
/// </summary>
internal sealed class DelayTool : IBuiltinTool
{
    public const int MaxMilliseconds = 600_000;
    private const string ToolName = "delay";

    public ToolDescriptor Descriptor { get; } = new()
    {
        Server = McpServersConfig.BuiltinServerName,
        Name = ToolName,
        Title = "Delay",
        Description = $"Waits the given number of milliseconds (0 to {MaxMilliseconds}), then returns {{\"waitedMs\": N}}.",
        InputSchema = BuiltinToolArguments.Schema($$"""
            { "type": "object",
              "properties": { "milliseconds": { "type": "integer", "minimum": 0, "maximum": {{MaxMilliseconds}}, "description": "How long to wait." } },
              "required": ["milliseconds"],
              "additionalProperties": false }
            """),
        OutputSchema = BuiltinToolArguments.Schema("""
            { "type": "object", "properties": { "waitedMs": { "type": "integer" } }, "required": ["waitedMs"] }
            """),
        Annotations = new ToolAnnotations { ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false },
    };

    public async ValueTask<ToolCallResult> InvokeAsync(JsonElement arguments, BuiltinToolContext context, CancellationToken cancellationToken = default)
    {
        if (BuiltinToolArguments.Unexpected(arguments, Descriptor.FullName, "milliseconds") is { } unexpected)
        {
            return ToolCallResult.Failure(unexpected);
        }
        if (!arguments.TryGetProperty("milliseconds", out var value))
        {
            return ToolCallResult.Failure($"{Descriptor.FullName}: missing required argument 'milliseconds' (0 to {MaxMilliseconds}).");
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var milliseconds) || milliseconds is < 0 or > MaxMilliseconds)
        {
            return ToolCallResult.Failure($"{Descriptor.FullName}: 'milliseconds' must be an integer from 0 to {MaxMilliseconds}, got {value.GetRawText()}.");
        }
        if (milliseconds > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), context.TimeProvider, cancellationToken);
        }
        else
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
        return ToolCallResult.Success(JsonSerializer.SerializeToElement(new Dictionary<string, int> { ["waitedMs"] = milliseconds }));
    }
}
