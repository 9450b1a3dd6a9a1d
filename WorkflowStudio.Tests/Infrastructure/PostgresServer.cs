using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace WorkflowStudio.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: initdb in a temp folder (as the postgres user when running as root,
/// since PostgreSQL refuses to run as root), listening on 127.0.0.1 only, on a free port; removed on dispose.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string _dataDir = "";
    private string _binDir = "";

    public int Port { get; private set; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=15;Command Timeout=60";

    public async Task InitializeAsync()
    {
        _binDir = FindBinDir();
        _dataDir = Path.Combine(Path.GetTempPath(), $"wfs-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataDir);
        if (IsRoot)
        {
            await RunAsync("chown", $"postgres:postgres {_dataDir}");
        }
        await RunPgAsync("initdb", $"-D {_dataDir}/cluster -U postgres --auth=trust -E UTF8 --no-sync");
        Port = FreePort();
        await StartAsync();
    }

    /// <summary>A fresh database on this cluster; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Timeout=15;Command Timeout=60";
    }

    public Task StartAsync() => RunPgAsync("pg_ctl",
        $"-D {_dataDir}/cluster -l {_dataDir}/server.log -w -t 60 -o \"-p {Port} -k {_dataDir} -c listen_addresses=127.0.0.1 " +
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500\" start");

    public Task StopAsync(string mode = "fast") => RunPgAsync("pg_ctl", $"-D {_dataDir}/cluster -m {mode} -w -t 60 stop");

    /// <summary>Restarts the server, dropping every connection (the clients must reconnect).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Port != 0)
        {
            await StopAsync("immediate");
        }
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task RunPgAsync(string tool, string arguments) =>
        IsRoot
            ? RunAsync("runuser", $"-u postgres -- {Path.Combine(_binDir, tool)} {arguments}")
            : RunAsync(Path.Combine(_binDir, tool), arguments);

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    private static string FindBinDir()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: run scripts/test, which installs the 'postgresql' Debian package.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
