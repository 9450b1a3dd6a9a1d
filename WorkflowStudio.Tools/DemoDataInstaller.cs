using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using WorkflowStudio.Tools.Files;

namespace WorkflowStudio.Tools;

/// <summary>
/// The demo data shipped in the engine (<c>Templates/DemoData/</c>), installed on first use: <c>files/**</c> is copied
/// to the tenant's <c>demo/</c> folder (existing files are kept, so edits survive) and <c>demo.sql</c> seeds the tenant's SQLite
/// database <c>demo.db</c> in its data folder (the built-in data source <c>demo</c>; <c>&lt;DataDir&gt;/demo.db</c> for the
/// default tenant) when it does not exist yet. Each tenant gets its own copy, so one tenant's edits never show in another's.
/// </summary>
internal sealed class DemoDataInstaller
{
    private const string Prefix = "demodata/";
    private const string FilesPrefix = Prefix + "files/";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _filesDone = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _databaseDone = new(StringComparer.Ordinal);

    /// <summary>The demo database of a tenant: <c>demo.db</c> in its data folder.</summary>
    public static string DemoDatabasePath(TenantFiles files) => Path.Combine(files.DataFolder, "demo.db");

    /// <summary>Copies the demo files to the tenant's <c>demo/</c> folder, once per tenant and process.</summary>
    public async Task EnsureFilesAsync(TenantFiles files, CancellationToken cancellationToken)
    {
        if (_filesDone.ContainsKey(files.Root))
        {
            return;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var assembly = typeof(DemoDataInstaller).Assembly;
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(FilesPrefix, StringComparison.Ordinal)))
            {
                var target = Path.Combine(files.Root, "demo", name[FilesPrefix.Length..]);
                if (File.Exists(target))
                {
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var source = assembly.GetManifestResourceStream(name)!;
                await using var file = File.Create(target);
                await source.CopyToAsync(file, cancellationToken);
            }
            _filesDone[files.Root] = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The tenant's demo database, built from <c>demo.sql</c> when it does not exist yet.</summary>
    public async Task<string> EnsureDatabaseAsync(TenantFiles files, CancellationToken cancellationToken)
    {
        var path = DemoDatabasePath(files);
        if (_databaseDone.ContainsKey(path))
        {
            return path;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(files.DataFolder);
                var building = path + ".building";
                File.Delete(building);
                await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = building, Pooling = false }.ToString()))
                {
                    await connection.OpenAsync(cancellationToken);
                    await using var command = connection.CreateCommand();
                    command.CommandText = ReadText(Prefix + "demo.sql");
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                File.Move(building, path);
            }
            _databaseDone[path] = true;
            return path;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>An embedded demo file's text (e.g. <c>clickup-tasks.json</c>).</summary>
    public static string ReadText(string resource)
    {
        var name = resource.StartsWith(Prefix, StringComparison.Ordinal) ? resource : Prefix + resource;
        using var stream = typeof(DemoDataInstaller).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The engine ships no demo data '{name}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
