using System.Reflection;
using Dapper;

namespace WorkflowStudio.Engine.Persistence;

/// <summary>
/// Applies the embedded <c>migrations/DIALECT/NNNN_name.sql</c> scripts in order, each once, each in its own
/// transaction. Processes starting together are serialised (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock),
/// so the second one finds the version applied and skips it.
/// </summary>
internal static class DatabaseMigrator
{
    private const long AdvisoryLockKey = 0x5746_5374_7564_696F; // "WFStudio"

    public static async Task<int> MigrateAsync(IDatabase database, CancellationToken cancellationToken = default)
    {
        await database.WriteAsync(async (connection, transaction) =>
        {
            if (database.Dialect == "postgres")
            {
                await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, transaction);
            }
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
                transaction: transaction);
            return true;
        }, cancellationToken);
        if (database.Dialect == "sqlite")
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        }
        var applied = 0;
        foreach (var (version, name, sql) in Scripts(database.Dialect))
        {
            var ran = await database.WriteAsync(async (connection, transaction) =>
            {
                if (database.Dialect == "postgres")
                {
                    await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, transaction);
                }
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
        var assembly = typeof(DatabaseMigrator).Assembly;
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
