using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Workflows.Validation;

/// <summary>
/// The tool lists of some servers, each fetched once (concurrently) for one validation or import. A server
/// that cannot be reached is remembered with its error message instead of failing the whole check.
/// </summary>
internal sealed class ToolCatalogSnapshot
{
    private readonly Dictionary<string, IReadOnlyList<ToolDescriptor>> _tools;
    private readonly Dictionary<string, string> _failures;

    private ToolCatalogSnapshot(IReadOnlyCollection<string> configured, Dictionary<string, IReadOnlyList<ToolDescriptor>> tools, Dictionary<string, string> failures)
    {
        ConfiguredServers = configured;
        _tools = tools;
        _failures = failures;
    }

    /// <summary>Every server the catalog has configured, whether fetched or not.</summary>
    public IReadOnlyCollection<string> ConfiguredServers { get; }

    /// <summary>Servers whose tools were fetched, in catalog order.</summary>
    public IEnumerable<string> FetchedServers => ConfiguredServers.Where(_tools.ContainsKey);

    /// <summary>Fetches the tools of every configured server among <paramref name="servers"/> (unknown names are skipped).</summary>
    public static async Task<ToolCatalogSnapshot> LoadAsync(IToolCatalog catalog, IEnumerable<string> servers, CancellationToken cancellationToken)
    {
        var configured = catalog.Servers;
        var wanted = servers.Distinct(StringComparer.Ordinal).Where(configured.Contains).ToArray();
        var fetched = await Task.WhenAll(wanted.Select(server => FetchAsync(catalog, server, cancellationToken)));
        var tools = new Dictionary<string, IReadOnlyList<ToolDescriptor>>(StringComparer.Ordinal);
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (server, list, failure) in fetched)
        {
            if (list is not null)
            {
                tools[server] = list;
            }
            else
            {
                failures[server] = failure!;
            }
        }
        return new ToolCatalogSnapshot(configured, tools, failures);
    }

    public bool IsConfigured(string server) => ConfiguredServers.Contains(server);

    /// <summary>Why the server's tools could not be listed, or null.</summary>
    public string? FailureOf(string server) => _failures.GetValueOrDefault(server);

    public IReadOnlyList<ToolDescriptor> ToolsOf(string server) => _tools.GetValueOrDefault(server) ?? [];

    public ToolDescriptor? Find(string server, string name) =>
        ToolsOf(server).FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    private static async Task<(string Server, IReadOnlyList<ToolDescriptor>? Tools, string? Failure)> FetchAsync(
        IToolCatalog catalog, string server, CancellationToken cancellationToken)
    {
        try
        {
            return (server, await catalog.GetToolsAsync(server, cancellationToken), null);
        }
        catch (ToolServerException exception)
        {
            return (server, null, exception.Message);
        }
        catch (KeyNotFoundException exception)
        {
            // Listed in Servers but gone by the time we asked (configuration reloaded): report it like an unreachable server.
            return (server, null, exception.Message);
        }
    }
}
