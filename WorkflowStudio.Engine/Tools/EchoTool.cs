using System.Text.Json;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// <c>builtin/echo</c>: answers with its <c>value</c> argument unchanged. With bindings it composes and reshapes
/// data from earlier steps, e.g. <c>{ "value": { "total": "{{ steps.sum.output.sum }}", "period": "{{ inputs.period }}" } }</c>.
/// </summary>
internal sealed class EchoTool : IBuiltinTool
{
    private const string ToolName = "echo";

    public ToolDescriptor Descriptor { get; } = new()
    {
        Server = McpServersConfig.BuiltinServerName,
        Name = ToolName,
        Title = "Echo",
        Description = "Returns its 'value' argument (any JSON) as the output. Use it to compose or reshape data from inputs and earlier steps.",
        InputSchema = BuiltinToolArguments.Schema("""
            { "type": "object",
              "properties": { "value": { "description": "Any JSON value; it becomes the output." } },
              "required": ["value"],
              "additionalProperties": false }
            """),
        Annotations = new ToolAnnotations { ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false },
    };

    public ValueTask<ToolCallResult> InvokeAsync(JsonElement arguments, BuiltinToolContext context, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (BuiltinToolArguments.Unexpected(arguments, Descriptor.FullName, "value") is { } unexpected)
        {
            return ValueTask.FromResult(ToolCallResult.Failure(unexpected));
        }
        return ValueTask.FromResult(arguments.TryGetProperty("value", out var value)
            ? ToolCallResult.Success(value.Clone())
            : ToolCallResult.Failure($"{Descriptor.FullName}: missing required argument 'value' (the JSON to return)."));
    }
}
