using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WorkflowStudio.Tools.Database;

/// <summary>
/// Seals a tenant's SQLite connection inside its one database file, in the engine rather than by reading SQL text: no
/// attached database can ever be opened (<c>SQLITE_LIMIT_ATTACHED</c> = 0, so neither <c>ATTACH</c> nor <c>VACUUM INTO</c>
/// can open or create another file), defensive mode, untrusted schema, no extension loading, and an authorizer that
/// refuses <c>ATTACH</c>/<c>DETACH</c>, pragmas that change how the database is opened, and functions that reach files.
/// The authorizer remembers why it refused, so the tool's error says what is not allowed.
/// </summary>
internal sealed class SqliteSandbox
{
    public const string AttachRefused = "ATTACH is not allowed: each tenant's SQL runs only against its own database";

    /// <summary>Pragmas that take an argument and only describe the schema; any pragma may be read without one.</summary>
    private static readonly HashSet<string> SchemaPragmas = new(StringComparer.OrdinalIgnoreCase)
    {
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
        "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check",
    };

    /// <summary>Functions that load code or touch files (the last ones exist only in some builds; refused wherever they exist).</summary>
    private static readonly HashSet<string> RefusedFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "load_extension", "fts3_tokenizer", "readfile", "writefile", "edit",
    };

    private string? _refusal;

    private SqliteSandbox()
    {
    }

    /// <summary>Seals <paramref name="connection"/> (open, settings already applied); the returned sandbox explains its refusals.</summary>
    public static SqliteSandbox Seal(SqliteConnection connection)
    {
        var db = connection.Handle!;
        raw.sqlite3_limit(db, raw.SQLITE_LIMIT_ATTACHED, 0);
        Check(db, raw.sqlite3_db_config(db, raw.SQLITE_DBCONFIG_DEFENSIVE, 1, out _));
        Check(db, raw.sqlite3_db_config(db, raw.SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, out _));
        Check(db, raw.sqlite3_db_config(db, raw.SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, out _));
        if (raw.sqlite3_limit(db, raw.SQLITE_LIMIT_ATTACHED, -1) != 0)
        {
            throw new InvalidOperationException("SQLite did not accept SQLITE_LIMIT_ATTACHED = 0; the tenant's connection is not opened.");
        }
        var sandbox = new SqliteSandbox();
        Check(db, raw.sqlite3_set_authorizer(db, sandbox.Authorize, null));
        return sandbox;
    }

    /// <summary>The engine's own count, by preparing the text one statement at a time (comments and quotes read as SQLite reads them).</summary>
    public bool HasSeveralStatements(SqliteConnection connection, string sql)
    {
        var db = connection.Handle!;
        var rc = raw.sqlite3_prepare_v2(db, sql, out var first, out var tail);
        using (first)
        {
            if (rc != raw.SQLITE_OK)
            {
                throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
            }
        }
        if (string.IsNullOrWhiteSpace(tail))
        {
            return false;
        }
        // The rest is a second statement unless SQLite finds nothing in it but comments (then it prepares no statement).
        rc = raw.sqlite3_prepare_v2(db, tail, out var second, out _);
        using (second)
        {
            return rc != raw.SQLITE_OK || !second.IsInvalid;
        }
    }

    /// <summary>Why the engine refused, when it was this sandbox; null for any other failure.</summary>
    public string? Explain(SqliteException exception) => exception switch
    {
        // SQLite reports a refusal as SQLITE_AUTH ("authorization denied", e.g. the ATTACH inside VACUUM INTO) or as an error "not authorized".
        _ when _refusal is not null && (exception.SqliteErrorCode == raw.SQLITE_AUTH || exception.Message.Contains("not authorized", StringComparison.Ordinal)) => _refusal,
        _ when exception.Message.Contains("too many attached databases", StringComparison.Ordinal) =>
            AttachRefused + " (VACUUM, which attaches a copy, is not available either)",
        _ => null,
    };

    private int Authorize(object userData, int actionCode, utf8z param0, utf8z param1, utf8z dbName, utf8z innerMostTriggerOrView)
    {
        var refusal = actionCode switch
        {
            raw.SQLITE_ATTACH => AttachRefused,
            raw.SQLITE_DETACH => "DETACH is not allowed: each tenant's SQL runs only against its own database",
            raw.SQLITE_PRAGMA => Pragma(param0.utf8_to_string(), param1.utf8_to_string()),
            raw.SQLITE_FUNCTION when param1.utf8_to_string() is { } name && RefusedFunctions.Contains(name) =>
                $"the function {name} is not allowed: a tenant's SQL cannot load code or reach files",
            _ => null,
        };
        if (refusal is null)
        {
            return raw.SQLITE_OK;
        }
        _refusal = refusal;
        return raw.SQLITE_DENY;
    }

    private static string? Pragma(string? name, string? argument) =>
        argument is null || (name is not null && SchemaPragmas.Contains(name))
            ? null
            : $"PRAGMA {name} is not allowed: a tenant's SQL may read any pragma and use the schema pragmas ({string.Join(", ", SchemaPragmas.Order(StringComparer.Ordinal))}), not change settings";

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
        }
    }
}
