using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Planning;

/// <summary>Every reachable server's tools; unreachable servers are listed instead of failing the plan.</summary>
internal static class ToolCatalogReader
{
    public sealed record Snapshot(IReadOnlyList<ToolDescriptor> Tools, IReadOnlyList<string> Unavailable);

    public static async Task<Snapshot> ReadAsync(IToolCatalog catalog, CancellationToken cancellationToken)
    {
        var tools = new List<ToolDescriptor>();
        var unavailable = new List<string>();
        foreach (var server in catalog.Servers.Order(StringComparer.Ordinal))
        {
            try
            {
                tools.AddRange(await catalog.GetToolsAsync(server, cancellationToken));
            }
            catch (ToolServerException exception)
            {
                unavailable.Add($"{server}: {exception.Message}");
            }
            catch (KeyNotFoundException exception)
            {
                unavailable.Add($"{server}: {exception.Message}");
            }
        }
        return new Snapshot(tools, unavailable);
    }
}
