using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace WorkflowStudio.Engine.Persistence;

/// <summary>Applies the embedded <c>migrations/sqlite/NNNN_name.sql</c> scripts in order, each once, each in its own transaction.</summary>
internal static class SqliteMigrator
{
    public static async Task<int> MigrateAsync(SqliteDatabase database, CancellationToken cancellationToken = default)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);");
        }
        var applied = 0;
        foreach (var (version, name, sql) in Scripts("sqlite"))
        {
            var ran = await database.WriteAsync(async (connection, transaction) =>
            {
                // BEGIN IMMEDIATE serialises concurrent starters: the second one sees the version and skips it.
                var exists = await connection.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version }, transaction);
                if (exists > 0)
                {
                    return false;
                }
                await connection.ExecuteAsync(sql, transaction: transaction);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                    new { version, name, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, transaction);
                return true;
            }, cancellationToken);
            applied += ran ? 1 : 0;
        }
        return applied;
    }

    /// <summary>Embedded scripts for one dialect, ordered by their numeric prefix.</summary>
    internal static IEnumerable<(int Version, string Name, string Sql)> Scripts(string dialect)
    {
        var assembly = typeof(SqliteMigrator).Assembly;
        var prefix = $"migrations/{dialect}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                var underscore = file.IndexOf('_', StringComparison.Ordinal);
                var version = int.Parse(file[..underscore], System.Globalization.CultureInfo.InvariantCulture);
                return (version, file[(underscore + 1)..], Read(assembly, n));
            })
            .OrderBy(s => s.version);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
