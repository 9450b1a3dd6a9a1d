using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Tools.Files;

namespace WorkflowStudio.Tools.Database;

/// <summary>
/// Decides which database a tenant's SQL runs against, and opens it sealed: SQLite inside a <see cref="SqliteSandbox"/>
/// (its own file only), PostgreSQL as the tenant's own roles for a <see cref="DataSourceIsolation.Schema"/> source; read-only
/// on request, enforced by the database. The studio's own database is never a data source.
/// </summary>
internal sealed class DataSources
{
    private readonly DatabaseToolOptions _options;
    private readonly DataOptions _studio;
    private readonly DemoDataInstaller _demo;
    private readonly ToolPaths _paths;
    private readonly PostgresTenantLogins _logins;

    public DataSources(IOptions<DatabaseToolOptions> options, IOptions<DataOptions> studio, DemoDataInstaller demo, ToolPaths paths, PostgresTenantLogins logins)
    {
        _options = options.Value;
        _studio = studio.Value;
        _demo = demo;
        _paths = paths;
        _logins = logins;
    }

    public DatabaseToolOptions Options => _options;

    /// <summary>The sources a tenant may use: the configured ones shared with it (<see cref="DatabaseToolOptions.IsSharedWith"/>) and <c>demo</c>.</summary>
    public IEnumerable<string> NamesFor(string tenantId) => _options.Sources.Keys
        .Where(name => _options.IsSharedWith(name, tenantId))
        .Append(DatabaseToolOptions.DemoSource).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>
    /// An open connection in a transaction; failures to connect come back as <see cref="ToolArgumentException"/> naming the
    /// source (never its connection string). With <paramref name="readOnly"/> the database itself refuses writes (SQLite
    /// read-only open and <c>query_only</c>, PostgreSQL read-only transaction, and the tenant's reader role when isolated).
    /// </summary>
    public async Task<DataSourceSession> OpenAsync(string name, string tenantId, bool readOnly, CancellationToken cancellationToken)
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

    private async Task<DataSourceSession> OpenCoreAsync(string name, string tenantId, bool readOnly, CancellationToken cancellationToken)
    {
        var (factory, connectionString) = await ResolveAsync(name, tenantId, readOnly, cancellationToken);
        var connection = factory.CreateConnection()!;
        connection.ConnectionString = connectionString;
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection sqlite)
            {
                await using (var pragma = sqlite.CreateCommand())
                {
                    pragma.CommandText = readOnly ? "PRAGMA query_only = ON; PRAGMA busy_timeout = 10000;" : "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";
                    await pragma.ExecuteNonQueryAsync(cancellationToken);
                }
                var sandbox = SqliteSandbox.Seal(sqlite);
                // A deferred transaction takes no write lock, so it also works on read-only connections.
                return new DataSourceSession(sqlite, sqlite.BeginTransaction(deferred: true), sandbox, _options.CommandTimeoutSeconds);
            }
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (readOnly)
            {
                await using var mode = connection.CreateCommand();
                mode.Transaction = transaction;
                mode.CommandText = "SET TRANSACTION READ ONLY";
                await mode.ExecuteNonQueryAsync(cancellationToken);
            }
            return new DataSourceSession(connection, transaction, sandbox: null, _options.CommandTimeoutSeconds);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<(DbProviderFactory Factory, string ConnectionString)> ResolveAsync(string name, string tenantId, bool readOnly, CancellationToken cancellationToken)
    {
        if (_options.Sources.TryGetValue(name, out var configured) && !string.IsNullOrWhiteSpace(configured) && _options.IsSharedWith(name, tenantId))
        {
            var isolation = _options.IsolationOf(name);
            if (IsPostgres(configured))
            {
                if (isolation == DataSourceIsolation.Schema)
                {
                    return (NpgsqlFactory.Instance, await _logins.ConnectionStringAsync(configured, tenantId, readOnly, cancellationToken));
                }
                RefuseStudioDatabase(name, IsStudioPostgres(configured));
                return (NpgsqlFactory.Instance, configured);
            }
            if (isolation != DataSourceIsolation.Shared)
            {
                throw new ToolArgumentException(
                    $"data source '{name}' is SQLite, and Tools:Database:Isolation:{name}={isolation} needs PostgreSQL; remove that setting, or give each tenant its own file as its own source.");
            }
            var sqlite = new SqliteConnectionStringBuilder(configured) { Pooling = false };
            RefuseStudioDatabase(name, IsStudioFile(sqlite.DataSource));
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
            $"and shares it with tenants other than '{Tenant.DefaultId}' in Tools:Database:Tenants:{name}.");
    }

    private static void RefuseStudioDatabase(string name, bool isStudio)
    {
        if (isStudio)
        {
            throw new ToolArgumentException(
                $"data source '{name}' is the studio's own database (runs, keys, tenants), which no tool may query; point Tools:Database:Sources:{name} " +
                $"at another database, or, on PostgreSQL, set Tools:Database:Isolation:{name}=Schema so each tenant gets a schema of its own in it.");
        }
    }

    /// <summary>Whether a SQLite data source names the studio's embedded database file (a URI filename by its path; followed through a link to the file).</summary>
    private bool IsStudioFile(string dataSource)
    {
        if (string.IsNullOrWhiteSpace(dataSource) || dataSource.StartsWith(':'))
        {
            return false;
        }
        var path = dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? Uri.TryCreate(dataSource, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : dataSource[5..].Split('?')[0]
            : dataSource;
        return Resolve(Path.GetFullPath(path)) == Resolve(_studio.DatabasePath);

        static string Resolve(string file) => File.Exists(file) && File.ResolveLinkTarget(file, returnFinalTarget: true) is { } target ? target.FullName : file;
    }

    /// <summary>Whether a PostgreSQL data source is the studio's own database (same host, port and database).</summary>
    private bool IsStudioPostgres(string connectionString)
    {
        if (_studio.Storage != DataOptions.PostgresStorage || string.IsNullOrWhiteSpace(_studio.ConnectionString))
        {
            return false;
        }
        var source = new NpgsqlConnectionStringBuilder(connectionString);
        var studio = new NpgsqlConnectionStringBuilder(_studio.ConnectionString);
        return string.Equals(source.Host, studio.Host, StringComparison.OrdinalIgnoreCase)
            && source.Port == studio.Port
            && string.Equals(source.Database ?? source.Username, studio.Database ?? studio.Username, StringComparison.Ordinal);
    }

    private static bool IsPostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase);
}
