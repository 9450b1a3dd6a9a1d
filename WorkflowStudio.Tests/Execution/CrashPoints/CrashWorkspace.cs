using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using WorkflowStudio.Tests.Cli;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Execution.CrashPoints;

/// <summary>
/// A folder with mcp.json (McpTestServer; its <c>side_effect</c> tool appends each call's idempotency key to a ledger
/// file outside the engine), a database (SQLite in the folder or a PostgreSQL database), and <c>studio</c> child
/// processes with short leases, armed or not with <c>Testing:CrashAt</c>.
/// </summary>
internal sealed class CrashWorkspace : IAsyncDisposable
{
    private readonly List<StudioChild> _children = [];

    public CrashWorkspace(string? postgres)
    {
        Folder = Path.Combine(Path.GetTempPath(), "wfs-crash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Postgres = postgres;
        Ledger = Path.Combine(Folder, "ledger.log");
        File.WriteAllText(Path.Combine(Folder, "mcp.json"), $$"""{ "mcpServers": { "test": {{TestServers.StdioEntry(Ledger)}} } }""");
    }

    public string Folder { get; }
    public string? Postgres { get; }
    public string Ledger { get; }

    public string Write(string name, string json)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Starts <c>studio ARGS</c>; with <paramref name="crashAt"/> it kills itself at that crash point.</summary>
    public StudioChild Start(string? crashAt, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(StudioProcess.Dll);
        var storage = Postgres is null ? new[] { "--storage", "sqlite" } : ["--storage", "postgres", "--connection", Postgres];
        foreach (var arg in args.Concat(storage).Concat(["--mcp-config", "mcp.json", "--data-dir", "data"]))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["Execution__LeaseSeconds"] = "2";
        start.Environment["Execution__RecoveryIntervalSeconds"] = "1";
        start.Environment["Execution__QueuedGraceSeconds"] = "2";
        start.Environment["Execution__WorkerCount"] = "4";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        if (crashAt is not null)
        {
            start.Environment["STUDIO_TESTING_CRASH_POINTS"] = "1";
            start.Environment["Testing__CrashAt"] = crashAt;
        }
        var child = new StudioChild(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
        _children.Add(child);
        return child;
    }

    public async Task<T?> QueryAsync<T>(string sql, object? parameters = null) => (await QueryListAsync<T>(sql, parameters)).FirstOrDefault();

    public async Task<IReadOnlyList<T>> QueryListAsync<T>(string sql, object? parameters = null)
    {
        if (Postgres is not null)
        {
            await using var pg = new NpgsqlConnection(Postgres);
            return (await pg.QueryAsync<T>(sql, parameters)).AsList();
        }
        var path = Path.Combine(Folder, "data", "studio.db");
        if (!File.Exists(path))
        {
            return [];
        }
        await using var sqlite = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        try
        {
            return (await sqlite.QueryAsync<T>(sql, parameters)).AsList();
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == 1) // the schema is not there yet
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in _children)
        {
            await child.DisposeAsync();
        }
        NpgsqlConnection.ClearAllPools();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
