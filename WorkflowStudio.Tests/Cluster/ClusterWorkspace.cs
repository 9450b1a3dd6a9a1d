using System.Diagnostics;
using Dapper;
using Npgsql;
using WorkflowStudio.Tests.Cli;
using WorkflowStudio.Tests.Infrastructure;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Cluster;

/// <summary>One database, one mcp.json (McpTestServer over stdio, side effects recorded in a file), short leases.</summary>
internal sealed class ClusterWorkspace : IDisposable
{
    private ClusterWorkspace(string folder, string connectionString)
    {
        Folder = folder;
        ConnectionString = connectionString;
        SideEffects = Path.Combine(folder, "side-effects.log");
        File.WriteAllText(Path.Combine(folder, "mcp.json"), $$"""{ "mcpServers": { "test": {{TestServers.StdioEntry(SideEffects)}} } }""");
    }

    public string Folder { get; }
    public string ConnectionString { get; }
    public string SideEffects { get; }

    public static async Task<ClusterWorkspace> CreateAsync(PostgresServer server)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wfs-cluster", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new ClusterWorkspace(folder, await server.CreateDatabaseAsync("cluster"));
    }

    public string Write(string name, string workflowJson)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, workflowJson);
        return path;
    }

    /// <summary>A <c>studio</c> process on this database; a crashed worker's node is re-run within about 2.5 s.</summary>
    public ProcessStartInfo StudioStart(params string[] args)
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
        foreach (var arg in args.Concat(["--storage", "postgres", "--connection", ConnectionString, "--mcp-config", "mcp.json", "--data-dir", "data"]))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["Execution__LeaseSeconds"] = "2";
        start.Environment["Execution__RecoveryIntervalSeconds"] = "0.5";
        start.Environment["Execution__WorkerCount"] = "4";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        return start;
    }

    public async Task<T?> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.QuerySingleOrDefaultAsync<T>(sql, parameters);
    }

    public async Task<IReadOnlyList<T>> QueryListAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
