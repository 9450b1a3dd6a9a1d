using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace WorkflowStudio.Bench.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster like the tests' (WorkflowStudio.Tests/Infrastructure/PostgresServer): initdb in a temp
/// folder (as the postgres user when running as root), 127.0.0.1 only, a free port, fsync off; removed on dispose.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _binDir;
    private readonly string _dataDir;
    private readonly int _port;

    private PostgresCluster(string binDir, string dataDir, int port)
    {
        _binDir = binDir;
        _dataDir = dataDir;
        _port = port;
    }

    public static async Task<PostgresCluster> StartAsync(string binDir, CancellationToken cancellationToken = default)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"wfs-bench-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        if (IsRoot)
        {
            await ProcessRunner.RunAsync("chown", ["postgres:postgres", dataDir], cancellationToken);
        }
        var cluster = new PostgresCluster(binDir, dataDir, FreePort());
        await cluster.PgAsync("initdb", ["-D", $"{dataDir}/cluster", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], cancellationToken);
        await cluster.PgAsync("pg_ctl", ["-D", $"{dataDir}/cluster", "-l", $"{dataDir}/server.log", "-w", "-t", "60", "-o",
            $"-p {cluster._port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000",
            "start"], cancellationToken);
        return cluster;
    }

    /// <summary>A fresh database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var database = $"{name}_{Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 63)];
        await using var connection = new NpgsqlConnection(Connection("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return Connection(database);
    }

    private string Connection(string database) => $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Timeout=15;Command Timeout=60;Maximum Pool Size=100";

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await PgAsync("pg_ctl", ["-D", $"{_dataDir}/cluster", "-m", "immediate", "-w", "-t", "60", "stop"], CancellationToken.None);
        Directory.Delete(_dataDir, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task PgAsync(string tool, string[] arguments, CancellationToken cancellationToken) =>
        IsRoot
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binDir, tool), .. arguments], cancellationToken)
            : ProcessRunner.RunAsync(Path.Combine(_binDir, tool), arguments, cancellationToken);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
