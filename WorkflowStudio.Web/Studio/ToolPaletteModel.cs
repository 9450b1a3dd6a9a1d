using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Web.Studio;

/// <summary>Every tool of every configured server, grouped by server, searchable, with annotation badges.</summary>
public sealed class ToolPaletteModel
{
    private readonly Dictionary<string, ToolDescriptor> _byName;

    public ToolPaletteModel(IReadOnlyList<ToolGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Groups = groups;
        _byName = groups.SelectMany(g => g.Tools).GroupBy(t => t.FullName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public static ToolPaletteModel Empty { get; } = new([]);

    public IReadOnlyList<ToolGroup> Groups { get; }

    /// <summary>Lists each server's tools; a server that fails to answer becomes a group with its error, not an exception.</summary>
    public static async Task<ToolPaletteModel> LoadAsync(IToolCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var groups = await Task.WhenAll(catalog.Servers.Order(StringComparer.Ordinal).Select(async server =>
        {
            try
            {
                var tools = await catalog.GetToolsAsync(server, cancellationToken);
                return new ToolGroup(server, tools.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray());
            }
            catch (Exception exception) when (exception is ToolServerException or KeyNotFoundException or TimeoutException)
            {
                return new ToolGroup(server, [], exception.Message);
            }
        }));
        // A source with nothing to offer this tenant (no OpenAPI document imported yet) is not a server to show.
        return new ToolPaletteModel([.. groups.Where(g => g.Tools.Count > 0 || g.Error is not null)]);
    }

    public ToolDescriptor? Find(string fullName) => _byName.GetValueOrDefault(fullName);

    /// <summary>Groups whose server, tool name, title or description contain <paramref name="query"/> (all when empty).</summary>
    public IReadOnlyList<ToolGroup> Filter(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return Groups;
        }
        var q = query.Trim();
        return Groups
            .Select(g => g.Server.Contains(q, StringComparison.OrdinalIgnoreCase)
                ? g
                : g with { Tools = g.Tools.Where(t => Matches(t, q)).ToArray() })
            .Where(g => g.Tools.Count > 0)
            .ToArray();
    }

    /// <summary>Badges for the MCP annotations the server declared: read-only, destructive, idempotent, open-world.</summary>
    public static IReadOnlyList<string> Badges(ToolAnnotations annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var badges = new List<string>();
        if (annotations.ReadOnly == true)
        {
            badges.Add("read-only");
        }
        if (annotations.IsDestructive)
        {
            badges.Add("destructive");
        }
        if (annotations.Idempotent == true)
        {
            badges.Add("idempotent");
        }
        if (annotations.OpenWorld == true)
        {
            badges.Add("open-world");
        }
        return badges;
    }

    private static bool Matches(ToolDescriptor tool, string q) =>
        tool.Name.Contains(q, StringComparison.OrdinalIgnoreCase)
        || tool.Title?.Contains(q, StringComparison.OrdinalIgnoreCase) == true
        || tool.Description?.Contains(q, StringComparison.OrdinalIgnoreCase) == true;
}
