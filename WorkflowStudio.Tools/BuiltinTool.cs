using System.Text.Json;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows.Schema;

namespace WorkflowStudio.Tools;

/// <summary>
/// Base of the business built-in tools: checks the arguments against <see cref="ToolDescriptor.InputSchema"/>
/// (every mismatch named by its JSON path), then runs the tool; a <see cref="ToolArgumentException"/> thrown by
/// the tool becomes an error result prefixed with the tool's name.
/// </summary>
internal abstract class BuiltinTool : IBuiltinTool
{
    public abstract ToolDescriptor Descriptor { get; }

    public async ValueTask<ToolCallResult> InvokeAsync(JsonElement arguments, BuiltinToolContext context, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var errors = JsonSchemaChecker.Check(Descriptor.InputSchema, arguments, "$");
        if (errors.Count > 0)
        {
            return ToolCallResult.Failure($"{Descriptor.FullName}: invalid arguments: {BuiltinToolArguments.Mismatches(errors)}");
        }
        try
        {
            return await RunAsync(new ToolArgs(arguments), context, cancellationToken);
        }
        catch (ToolArgumentException exception)
        {
            return ToolCallResult.Failure($"{Descriptor.FullName}: {exception.Message}");
        }
    }

    protected abstract ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken);

    /// <summary>A descriptor for <c>builtin/NAME</c> from JSON schema texts.</summary>
    protected static ToolDescriptor Describe(string name, string title, string description, string inputSchema, string outputSchema, ToolAnnotations annotations) => new()
    {
        Server = McpServersConfig.BuiltinServerName,
        Name = name,
        Title = title,
        Description = description,
        InputSchema = BuiltinToolArguments.Schema(inputSchema),
        OutputSchema = BuiltinToolArguments.Schema(outputSchema),
        Annotations = annotations,
    };

    protected static readonly ToolAnnotations ReadOnlyLocal = new() { ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false };
}
