using System.Text.Json;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Bench.Runners;

/// <summary>In-process tool <c>sim/work</c>: waits <c>args.ms</c> milliseconds, so engine overhead is all that differs between runners.</summary>
internal sealed class SimulatedTools : IToolSource
{
    public const string Server = "sim";

    private static readonly ToolDescriptor Work = new()
    {
        Server = Server,
        Name = "work",
        Description = "Waits args.ms milliseconds.",
        InputSchema = JsonDocument.Parse("""{"type":"object","properties":{"ms":{"type":"integer"}},"required":["ms"]}""").RootElement.Clone(),
        Annotations = new ToolAnnotations { ReadOnly = true, Idempotent = true },
    };

    public IReadOnlyCollection<string> Servers => [Server];

    public ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<ToolDescriptor>>([Work]);

    public async ValueTask<ToolCallResult> InvokeAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        await WorkAsync(request.Arguments.GetProperty("ms").GetInt32(), cancellationToken);
        return ToolCallResult.Success(request.Arguments);
    }

    /// <summary>The simulated work itself, shared by every runner so they all wait the same way.</summary>
    public static Task WorkAsync(int ms, CancellationToken cancellationToken) =>
        ms > 0 ? Task.Delay(ms, cancellationToken) : Task.CompletedTask;
}
