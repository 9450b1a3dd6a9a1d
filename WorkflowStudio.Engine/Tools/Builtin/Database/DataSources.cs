using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace WorkflowStudio.Engine.Tools.Builtin.Database;

/// <summary>Opens connections to the named data sources, provider-neutral (<see cref="DbProviderFactory"/>), read-only on request.</summary>
internal sealed class DataSources
{
    private readonly DatabaseToolOptions _options;
    private readonly DemoDataInstaller _demo;

    public DataSources(IOptions<DatabaseToolOptions> options, DemoDataInstaller demo)
    {
        _options = options.Value;
        _demo = demo;
    }

    public DatabaseToolOptions Options => _options;

    public IEnumerable<string> Names => _options.Sources.Keys.Append(DatabaseToolOptions.DemoSource).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>
    /// An open connection in a transaction; failures to connect come back as <see cref="ToolArgumentException"/>
    /// naming the source (never its connection string). With <paramref name="readOnly"/> the database itself refuses writes (SQLite <c>query_only</c>, PostgreSQL read-only transaction).</summary>
    public async Task<(DbConnection Connection, DbTransaction Transaction, bool IsPostgres)> OpenAsync(string name, bool readOnly, CancellationToken cancellationToken)
    {
        try
        {
            return await OpenCoreAsync(name, readOnly, cancellationToken);
        }
        catch (DbException exception)
        {
            throw new ToolArgumentException($"cannot open data source '{name}': {exception.Message}", exception);
        }
    }

    private async Task<(DbConnection Connection, DbTransaction Transaction, bool IsPostgres)> OpenCoreAsync(string name, bool readOnly, CancellationToken cancellationToken)
    {
        var (factory, connectionString) = await ResolveAsync(name, readOnly, cancellationToken);
        var connection = factory.CreateConnection()!;
        connection.ConnectionString = connectionString;
        try
        {
            await connection.OpenAsync(cancellationToken);
            var isPostgres = factory is NpgsqlFactory;
            if (!isPostgres)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = readOnly ? "PRAGMA query_only = ON; PRAGMA busy_timeout = 10000;" : "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            // SQLite: a deferred transaction takes no write lock, so it also works on read-only connections.
            var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await connection.BeginTransactionAsync(cancellationToken);
            if (isPostgres && readOnly)
            {
                await using var mode = connection.CreateCommand();
                mode.Transaction = transaction;
                mode.CommandText = "SET TRANSACTION READ ONLY";
                await mode.ExecuteNonQueryAsync(cancellationToken);
            }
            return (connection, transaction, isPostgres);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, JsonElement? parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = _options.CommandTimeoutSeconds;
        if (parameters is { ValueKind: JsonValueKind.Object } values)
        {
            foreach (var property in values.EnumerateObject())
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = property.Name.StartsWith('@') ? property.Name : "@" + property.Name;
                parameter.Value = property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                    ? property.Value.GetRawText()
                    : ToolArgs.ToClr(property.Value) ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
        }
        return command;
    }

    private async Task<(DbProviderFactory Factory, string ConnectionString)> ResolveAsync(string name, bool readOnly, CancellationToken cancellationToken)
    {
        if (_options.Sources.TryGetValue(name, out var configured) && !string.IsNullOrWhiteSpace(configured))
        {
            if (IsPostgres(configured))
            {
                return (NpgsqlFactory.Instance, configured);
            }
            var sqlite = new SqliteConnectionStringBuilder(configured) { Pooling = false };
            if (readOnly)
            {
                sqlite.Mode = SqliteOpenMode.ReadOnly;
            }
            return (SqliteFactory.Instance, sqlite.ToString());
        }
        if (name == DatabaseToolOptions.DemoSource)
        {
            var path = await _demo.EnsureDatabaseAsync(cancellationToken);
            return (SqliteFactory.Instance, new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
                Pooling = false,
            }.ToString());
        }
        throw new ToolArgumentException($"there is no data source '{name}' (configured: {string.Join(", ", Names)}); add it as Tools:Database:Sources:{name}.");
    }

    private static bool IsPostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase);
}
