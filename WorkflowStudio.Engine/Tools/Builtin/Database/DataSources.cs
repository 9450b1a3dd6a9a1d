using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using WorkflowStudio.Engine.Tools.Builtin.Files;

namespace WorkflowStudio.Engine.Tools.Builtin.Database;

/// <summary>Opens connections to the named data sources, provider-neutral (<see cref="DbProviderFactory"/>), read-only on request.</summary>
internal sealed class DataSources
{
    private readonly DatabaseToolOptions _options;
    private readonly DemoDataInstaller _demo;
    private readonly ToolPaths _paths;

    public DataSources(IOptions<DatabaseToolOptions> options, DemoDataInstaller demo, ToolPaths paths)
    {
        _options = options.Value;
        _demo = demo;
        _paths = paths;
    }

    public DatabaseToolOptions Options => _options;

    /// <summary>The sources a tenant may use: the configured ones shared with it (<see cref="DatabaseToolOptions.IsSharedWith"/>) and <c>demo</c>.</summary>
    public IEnumerable<string> NamesFor(string tenantId) => _options.Sources.Keys
        .Where(name => _options.IsSharedWith(name, tenantId))
        .Append(DatabaseToolOptions.DemoSource).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>
    /// An open connection in a transaction; failures to connect come back as <see cref="ToolArgumentException"/>
    /// naming the source (never its connection string). With <paramref name="readOnly"/> the database itself refuses writes (SQLite <c>query_only</c>, PostgreSQL read-only transaction).</summary>
    public async Task<(DbConnection Connection, DbTransaction Transaction, bool IsPostgres)> OpenAsync(string name, string tenantId, bool readOnly, CancellationToken cancellationToken)
    {
        try
        {
            return await OpenCoreAsync(name, tenantId, readOnly, cancellationToken);
        }
        catch (DbException exception)
        {
            throw new ToolArgumentException($"cannot open data source '{name}': {exception.Message}", exception);
        }
    }

    private async Task<(DbConnection Connection, DbTransaction Transaction, bool IsPostgres)> OpenCoreAsync(string name, string tenantId, bool readOnly, CancellationToken cancellationToken)
    {
        var (factory, connectionString) = await ResolveAsync(name, tenantId, readOnly, cancellationToken);
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

    private async Task<(DbProviderFactory Factory, string ConnectionString)> ResolveAsync(string name, string tenantId, bool readOnly, CancellationToken cancellationToken)
    {
        if (_options.Sources.TryGetValue(name, out var configured) && !string.IsNullOrWhiteSpace(configured) && _options.IsSharedWith(name, tenantId))
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
            // Every tenant has its own copy of the demo database, so db_execute on it never shows in another tenant's queries.
            var path = await _demo.EnsureDatabaseAsync(_paths.For(tenantId), cancellationToken);
            return (SqliteFactory.Instance, new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
                Pooling = false,
            }.ToString());
        }
        throw new ToolArgumentException(
            $"there is no data source '{name}' for this tenant (available: {string.Join(", ", NamesFor(tenantId))}); an operator adds it as Tools:Database:Sources:{name} " +
            $"and shares it with tenants other than '{Tenancy.Tenant.DefaultId}' in Tools:Database:Tenants:{name}.");
    }

    private static bool IsPostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase);
}
