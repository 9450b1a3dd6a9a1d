using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Memory;

/// <summary>
/// The studio database (SQLite or PostgreSQL) as the built-in tools use it (tables of <c>migrations/*/0003_tool_data.sql</c>), so
/// every worker of a cluster sees the same memory, vectors and follow-ups. Every row has a <c>tenant</c> column: tools
/// read and write only rows of <see cref="BuiltinToolContext.TenantId"/>. Migrations
/// are applied once on first use too, so tools work in a host without the engine's initializer.
/// </summary>
internal sealed class ToolDataStore
{
    private readonly IDatabase _database;
    private readonly Lazy<Task> _migrated;

    public ToolDataStore(IDatabase database)
    {
        _database = database;
        _migrated = new Lazy<Task>(() => DatabaseMigrator.MigrateAsync(_database, CancellationToken.None));
    }

    public async ValueTask<IDatabase> GetAsync(CancellationToken cancellationToken)
    {
        await _migrated.Value.WaitAsync(cancellationToken);
        return _database;
    }

    public static string SearchText(System.Text.Json.JsonElement value)
    {
        var parts = new List<string>();
        Collect(value, parts);
        return string.Join(' ', parts);
    }

    private static void Collect(System.Text.Json.JsonElement value, List<string> parts)
    {
        switch (value.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Collect(property.Value, parts);
                }
                break;
            case System.Text.Json.JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    Collect(item, parts);
                }
                break;
            case System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number:
                parts.Add(ToolArgs.AsText(value));
                break;
        }
    }

    /// <summary>Lower-case word tokens (letters and digits).</summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                tokens.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }
        return tokens;
    }
}
