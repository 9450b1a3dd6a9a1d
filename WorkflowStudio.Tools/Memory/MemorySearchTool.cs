using System.Text.Json.Nodes;
using Dapper;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Memory;

/// <summary><c>builtin/memory_search</c>: memories whose key or text contain the query's words, best match first.</summary>
internal sealed class MemorySearchTool : BuiltinTool
{
    private const int MaxCandidates = 2000;
    private readonly ToolDataStore _store;

    public MemorySearchTool(ToolDataStore store) => _store = store;

    public override ToolDescriptor Descriptor { get; } = Describe(
        "memory_search", "Search memory",
        "Finds remembered values whose key or text contain the words of 'query' (case-insensitive), ranked by how many words match and how often; newest first on ties. Optionally only those with a tag.",
        """
        { "type": "object",
          "properties": {
            "query": { "type": "string", "minLength": 1 },
            "namespace": { "type": "string", "default": "default" },
            "tag": { "type": "string" },
            "limit": { "type": "integer", "minimum": 1, "maximum": 100, "default": 10 } },
          "required": ["query"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "count": { "type": "integer" },
            "results": { "type": "array", "items": { "type": "object", "properties": { "key": { "type": "string" }, "value": {}, "score": { "type": "number" }, "updatedAt": { "type": "string" } } } } },
          "required": ["count", "results"] }
        """,
        ReadOnlyLocal);

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var terms = ToolDataStore.Tokens(args.RequiredString("query")).Distinct().ToArray();
        if (terms.Length == 0)
        {
            throw new ToolArgumentException("'query' has no words to search for.");
        }
        var tag = args.String("tag");
        var parameters = new DynamicParameters(new
        {
            tenant = context.TenantId, ns = args.String("namespace") ?? "default", now = context.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(), max = MaxCandidates,
        });
        var likes = terms.Select((term, i) =>
        {
            parameters.Add($"t{i}", $"%{term.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%");
            return $"lower(text) LIKE @t{i}";
        });
        var database = await _store.GetAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Key, string Value, string Text, string Tags, long UpdatedAt)>(new CommandDefinition(
            $"SELECT key, value, text, tags, updated_at FROM tool_memory WHERE tenant = @tenant AND namespace = @ns AND (expires_at IS NULL OR expires_at > @now) AND ({string.Join(" OR ", likes)}) ORDER BY updated_at DESC LIMIT @max",
            parameters, cancellationToken: cancellationToken));
        var ranked = rows
            .Where(r => tag is null || JsonNode.Parse(r.Tags)!.AsArray().Any(t => string.Equals(t!.GetValue<string>(), tag, StringComparison.OrdinalIgnoreCase)))
            .Select(r => (Row: r, Score: Score(terms, ToolDataStore.Tokens(r.Text))))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score).ThenByDescending(r => r.Row.UpdatedAt)
            .Take(args.Int("limit", 10))
            .Select(r => (JsonNode)new JsonObject
            {
                ["key"] = r.Row.Key, ["value"] = JsonNode.Parse(r.Row.Value), ["score"] = Math.Round(r.Score, 4),
                ["updatedAt"] = DateTimeOffset.FromUnixTimeMilliseconds(r.Row.UpdatedAt).ToString("O"),
            })
            .ToArray();
        return ToolJson.Ok(new JsonObject { ["count"] = ranked.Length, ["results"] = new JsonArray(ranked) });
    }

    /// <summary>Share of query words present, plus a small bonus for repeats.</summary>
    private static double Score(string[] terms, IReadOnlyList<string> tokens)
    {
        var counts = tokens.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var matched = terms.Count(counts.ContainsKey);
        var repeats = terms.Sum(t => counts.GetValueOrDefault(t));
        return matched == 0 ? 0 : matched / (double)terms.Length + Math.Min(0.5, repeats / 100.0);
    }
}
