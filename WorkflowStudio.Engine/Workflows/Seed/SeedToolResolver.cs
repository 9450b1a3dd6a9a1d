using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows.Json;
using WorkflowStudio.Engine.Workflows.Validation;

namespace WorkflowStudio.Engine.Workflows.Seed;

/// <summary>
/// Resolves the seed's bare tool names (<c>clickup_api</c>) to <c>server/tool</c> by unique name across every
/// configured server; names already written as <c>server/tool</c> pass through (the validator checks them).
/// The catalog is read once, on the first bare name.
/// </summary>
internal sealed class SeedToolResolver
{
    private const int MaxCandidatesShown = 5;
    private readonly IToolCatalog _catalog;
    private ToolCatalogSnapshot? _snapshot;
    private Dictionary<string, List<string>>? _byName;

    public SeedToolResolver(IToolCatalog catalog) => _catalog = catalog;

    /// <summary>The <c>server/tool</c> of each of the action's tools; errors for names that cannot be resolved.</summary>
    public async Task<IReadOnlyList<string>> ResolveAllAsync(SeedAction action, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        var result = new List<string>(action.Tools.Count);
        for (var i = 0; i < action.Tools.Count; i++)
        {
            var path = JsonPathText.Index(JsonPathText.Property(action.Path, "tools"), i);
            var resolved = await ResolveAsync(action.Tools[i], path, errors, cancellationToken);
            result.Add(resolved ?? action.Tools[i]);
        }
        return result;
    }

    private async Task<string?> ResolveAsync(string name, string path, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            if (ToolReference.TryParse(name, out var reference))
            {
                return reference.ToString();
            }
            errors.Add(new ValidationError(path, $"'{name}' is neither a tool name nor of the form server/tool"));
            return null;
        }
        var byName = await IndexAsync(cancellationToken);
        if (byName.TryGetValue(name, out var candidates) && candidates.Count == 1)
        {
            return candidates[0];
        }
        if (candidates is { Count: > 1 })
        {
            errors.Add(new ValidationError(path,
                $"tool name '{name}' is ambiguous: {string.Join(", ", candidates)} all have it; write 'server/tool' to choose one"));
            return null;
        }
        var closest = Suggestions.Closest(name, byName.Keys, MaxCandidatesShown, loose: true)
            .SelectMany(n => byName[n]).Take(MaxCandidatesShown).ToArray();
        var message = $"no configured server has a tool named '{name}'"
            + (closest.Length > 0 ? $" (closest: {string.Join(", ", closest)})" : string.Empty);
        var unreachable = _snapshot!.ConfiguredServers.Where(s => _snapshot.FailureOf(s) is not null).ToArray();
        if (unreachable.Length > 0)
        {
            message += $"; not searched, could not be reached: {string.Join("; ", unreachable.Select(s => $"{s} ({_snapshot.FailureOf(s)})"))}";
        }
        errors.Add(new ValidationError(path, message));
        return null;
    }

    private async Task<Dictionary<string, List<string>>> IndexAsync(CancellationToken cancellationToken)
    {
        if (_byName is not null)
        {
            return _byName;
        }
        _snapshot = await ToolCatalogSnapshot.LoadAsync(_catalog, _catalog.Servers, cancellationToken);
        _byName = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var server in _snapshot.FetchedServers)
        {
            foreach (var tool in _snapshot.ToolsOf(server))
            {
                if (!_byName.TryGetValue(tool.Name, out var list))
                {
                    _byName[tool.Name] = list = [];
                }
                list.Add(tool.FullName);
            }
        }
        return _byName;
    }
}
