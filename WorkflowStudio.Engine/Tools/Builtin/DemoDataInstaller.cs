using Microsoft.Data.Sqlite;
using WorkflowStudio.Engine.Tools.Builtin.Files;

namespace WorkflowStudio.Engine.Tools.Builtin;

/// <summary>
/// The demo data shipped in the engine (<c>Templates/DemoData/</c>), installed on first use: <c>files/**</c> is copied
/// to <c>&lt;FilesRoot&gt;/demo/</c> (existing files are kept, so edits survive) and <c>demo.sql</c> seeds the SQLite
/// database <c>&lt;DataDir&gt;/demo.db</c> (the built-in data source <c>demo</c>) when it does not exist yet.
/// </summary>
internal sealed class DemoDataInstaller
{
    private const string Prefix = "demodata/";
    private const string FilesPrefix = Prefix + "files/";
    private readonly ToolPaths _paths;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _filesDone;
    private bool _databaseDone;

    public DemoDataInstaller(ToolPaths paths) => _paths = paths;

    public string DemoDatabasePath => Path.Combine(_paths.DataDir, "demo.db");

    public async Task EnsureFilesAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _filesDone))
        {
            return;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var assembly = typeof(DemoDataInstaller).Assembly;
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(FilesPrefix, StringComparison.Ordinal)))
            {
                var target = Path.Combine(_paths.FilesRoot, "demo", name[FilesPrefix.Length..]);
                if (File.Exists(target))
                {
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var source = assembly.GetManifestResourceStream(name)!;
                await using var file = File.Create(target);
                await source.CopyToAsync(file, cancellationToken);
            }
            Volatile.Write(ref _filesDone, true);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<string> EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _databaseDone))
        {
            return DemoDatabasePath;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(DemoDatabasePath))
            {
                Directory.CreateDirectory(_paths.DataDir);
                var building = DemoDatabasePath + ".building";
                File.Delete(building);
                await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = building, Pooling = false }.ToString()))
                {
                    await connection.OpenAsync(cancellationToken);
                    await using var command = connection.CreateCommand();
                    command.CommandText = ReadText(Prefix + "demo.sql");
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                File.Move(building, DemoDatabasePath);
            }
            Volatile.Write(ref _databaseDone, true);
            return DemoDatabasePath;
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
