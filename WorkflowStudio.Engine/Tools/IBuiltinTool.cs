using System.Text.Json;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// A tool of WorkflowStudio itself, served as <c>builtin/NAME</c>. Register more with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IBuiltinTool, MyTool&gt;())</c>.
/// Implementations validate their arguments and answer problems with <see cref="ToolCallResult.Failure"/>.
/// </summary>
public interface IBuiltinTool
{
    /// <summary>Name, schemas and annotations; <see cref="ToolDescriptor.Server"/> must be <c>builtin</c>.</summary>
    ToolDescriptor Descriptor { get; }

    ValueTask<ToolCallResult> InvokeAsync(JsonElement arguments, BuiltinToolContext context, CancellationToken cancellationToken = default);
}
