using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace WorkflowStudio.Tools.Database;

/// <summary>
/// The per-tenant boundary of a PostgreSQL source with <see cref="DataSourceIsolation.Schema"/>: for each tenant, a schema
/// <c>tenant_ID</c> owned by a login role of its own (used by <c>db_execute</c>) and a second login role that may only read
/// it (used by <c>db_query</c>; its tables are granted to it by default privileges). The tool connects <em>as</em> these
/// roles, so there is no more privileged session user to return to: <c>RESET ROLE</c>, <c>SET ROLE</c>,
/// <c>SET SESSION AUTHORIZATION</c> or <c>set_config('role', …)</c> cannot leave the tenant's privileges. The roles hold no
/// grant on anything else, so the studio's tables and other tenants' schemas answer "permission denied".
/// </summary>
/// <remarks>
/// Roles are created by the source's configured (administrator) connection, once, under an advisory lock, in one
/// transaction. Their random passwords are kept in <c>workflowstudio_tools.tenant_logins</c>, which only the administrator
/// can read; the server receives them as SCRAM verifiers, never as text that statement logging would show.
/// </remarks>
internal sealed class PostgresTenantLogins
{
    public const string AdminSchema = "workflowstudio_tools";
    private const int PasswordBytes = 32;
    private const int ScramIterations = 4096;
    private readonly ConcurrentDictionary<(string Admin, string Tenant), Login> _logins = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The connection string that runs <paramref name="tenantId"/>'s SQL on the source <paramref name="adminConnectionString"/>.</summary>
    public async Task<string> ConnectionStringAsync(string adminConnectionString, string tenantId, bool readOnly, CancellationToken cancellationToken)
    {
        if (!_logins.TryGetValue((adminConnectionString, tenantId), out var login))
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (!_logins.TryGetValue((adminConnectionString, tenantId), out login))
                {
                    login = await ProvisionAsync(adminConnectionString, tenantId, cancellationToken);
                    _logins[(adminConnectionString, tenantId)] = login;
                }
            }
            finally
            {
                _gate.Release();
            }
        }
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Username = readOnly ? login.Reader : login.Owner,
            Password = readOnly ? login.ReaderPassword : login.OwnerPassword,
            SearchPath = Quote(login.Schema),
            Options = null,
            NoResetOnClose = false,
            MaxPoolSize = 10,
            Passfile = null,
        };
        return builder.ConnectionString;
    }

    private static async Task<Login> ProvisionAsync(string adminConnectionString, string tenantId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"""
            SELECT pg_advisory_xact_lock(hashtext('{AdminSchema}.tenant_logins'));
            CREATE SCHEMA IF NOT EXISTS {AdminSchema};
            REVOKE ALL ON SCHEMA {AdminSchema} FROM PUBLIC;
            CREATE TABLE IF NOT EXISTS {AdminSchema}.tenant_logins (
                tenant          TEXT PRIMARY KEY,
                schema_name     TEXT NOT NULL,
                owner_role      TEXT NOT NULL,
                owner_password  TEXT NOT NULL,
                reader_role     TEXT NOT NULL,
                reader_password TEXT NOT NULL);
            REVOKE ALL ON {AdminSchema}.tenant_logins FROM PUBLIC;
            """, cancellationToken);
        await using (var read = new NpgsqlCommand(
            $"SELECT schema_name, owner_role, owner_password, reader_role, reader_password FROM {AdminSchema}.tenant_logins WHERE tenant = @tenant", connection))
        {
            read.Parameters.AddWithValue("tenant", tenantId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return new Login(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
            }
        }
        string database;
        await using (var current = new NpgsqlCommand("SELECT current_database()", connection))
        {
            database = (string)(await current.ExecuteScalarAsync(cancellationToken))!;
        }
        // Roles are global to the cluster: the database's hash in their names keeps two isolated sources on one cluster apart.
        var scope = Hex(database)[..8];
        var login = new Login(
            Name("tenant_", tenantId, ""),
            Name($"wfs_{scope}_", tenantId, "_rw"), Password(),
            Name($"wfs_{scope}_", tenantId, "_ro"), Password());
        await ExecuteAsync(connection, $"""
            CREATE ROLE {Quote(login.Owner)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD '{Verifier(login.OwnerPassword)}';
            CREATE ROLE {Quote(login.Reader)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD '{Verifier(login.ReaderPassword)}';
            GRANT {Quote(login.Owner)} TO CURRENT_USER;
            CREATE SCHEMA {Quote(login.Schema)} AUTHORIZATION {Quote(login.Owner)};
            GRANT USAGE ON SCHEMA {Quote(login.Schema)} TO {Quote(login.Reader)};
            ALTER DEFAULT PRIVILEGES FOR ROLE {Quote(login.Owner)} IN SCHEMA {Quote(login.Schema)} GRANT SELECT ON TABLES TO {Quote(login.Reader)};
            ALTER ROLE {Quote(login.Owner)} SET search_path = {Quote(login.Schema)};
            ALTER ROLE {Quote(login.Reader)} SET search_path = {Quote(login.Schema)};
            ALTER ROLE {Quote(login.Reader)} SET default_transaction_read_only = on;
            """, cancellationToken);
        var exposed = await ExposedAsync(connection, login, cancellationToken);
        if (exposed.Count > 0)
        {
            // Thrown inside the transaction: the roles and schema are not created, and the tenant's SQL does not run.
            throw new ToolArgumentException(
                $"the PostgreSQL data source would not keep tenant '{tenantId}' inside its own schema: its roles could reach {string.Join("; ", exposed)}. " +
                "Revoke these grants from PUBLIC (e.g. REVOKE CREATE ON SCHEMA public FROM PUBLIC, the default since PostgreSQL 15) and try again.");
        }
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO {AdminSchema}.tenant_logins VALUES (@tenant, @schema, @owner, @ownerPassword, @reader, @readerPassword)", connection))
        {
            insert.Parameters.AddWithValue("tenant", tenantId);
            insert.Parameters.AddWithValue("schema", login.Schema);
            insert.Parameters.AddWithValue("owner", login.Owner);
            insert.Parameters.AddWithValue("ownerPassword", login.OwnerPassword);
            insert.Parameters.AddWithValue("reader", login.Reader);
            insert.Parameters.AddWithValue("readerPassword", login.ReaderPassword);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return login;
    }

    /// <summary>
    /// What the new roles could reach outside their own schema through grants to PUBLIC (checked once, when they are created):
    /// schemas they could create objects in, tables they could read or change, SECURITY DEFINER functions they could run.
    /// </summary>
    private static async Task<List<string>> ExposedAsync(NpgsqlConnection connection, Login login, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT 'CREATE on schema ' || n.nspname FROM pg_namespace n
             WHERE n.nspname <> @schema AND has_schema_privilege(@owner, n.oid, 'CREATE')
            UNION ALL
            SELECT 'table ' || n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname NOT IN (@schema, 'pg_catalog', 'information_schema') AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
               AND has_schema_privilege(@owner, n.oid, 'USAGE')
               AND (has_table_privilege(@owner, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE') OR has_table_privilege(@reader, c.oid, 'SELECT'))
            UNION ALL
            SELECT 'SECURITY DEFINER function ' || p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE p.prosecdef AND n.nspname NOT IN (@schema, 'pg_catalog', 'information_schema')
               AND has_schema_privilege(@owner, n.oid, 'USAGE') AND has_function_privilege(@owner, p.oid, 'EXECUTE')
            ORDER BY 1
            """, connection);
        command.Parameters.AddWithValue("schema", login.Schema);
        command.Parameters.AddWithValue("owner", login.Owner);
        command.Parameters.AddWithValue("reader", login.Reader);
        var exposed = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            exposed.Add(reader.GetString(0));
        }
        return exposed;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>An identifier of at most 63 bytes (PostgreSQL's limit): a long tenant id is shortened and made unique by its hash.</summary>
    internal static string Name(string prefix, string tenantId, string suffix)
    {
        const int limit = 63;
        var name = prefix + tenantId + suffix;
        return name.Length <= limit ? name : prefix + tenantId[..(limit - prefix.Length - suffix.Length - 9)] + "_" + Hex(tenantId)[..8] + suffix;
    }

    /// <summary>A double-quoted identifier; tenant ids hold only lower-case letters, digits, '-' and '_', so nothing needs escaping but quotes are doubled anyway.</summary>
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Password() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PasswordBytes));

    /// <summary>The SCRAM-SHA-256 verifier of a password (RFC 7677, as PostgreSQL stores it), so the password itself never reaches the server's logs.</summary>
    private static string Verifier(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, ScramIterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${ScramIterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }

    private sealed record Login(string Schema, string Owner, string OwnerPassword, string Reader, string ReaderPassword)
    {
        /// <summary>Never the passwords.</summary>
        public override string ToString() => $"{Owner} / {Reader} on {Schema}";
    }
}
