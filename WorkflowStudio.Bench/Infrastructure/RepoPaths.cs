namespace WorkflowStudio.Bench.Infrastructure;

/// <summary>Where the bench finds the repository's other build outputs (scripts/bench builds them first).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootFolder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowStudio.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("WorkflowStudio.sln not found above the bench binaries: run the bench from the repository (scripts/bench).");
    });

    public static string Root => RootFolder.Value;

    /// <summary>The studio executable for worker processes: <c>WFS_BENCH_STUDIO</c>, else artifacts/bench/studio/studio.dll.</summary>
    public static string? StudioDll => Existing(Environment.GetEnvironmentVariable("WFS_BENCH_STUDIO") ?? Path.Combine(Root, "artifacts", "bench", "studio", "studio.dll"));

    /// <summary>McpTestServer (Release first, then Debug as the tests build it).</summary>
    public static string? McpTestServerDll =>
        new[] { "Release", "Debug" }
            .Select(c => Path.Combine(Root, "WorkflowStudio.Tests", "McpTestServer", "bin", c, "net10.0", "McpTestServer.dll"))
            .FirstOrDefault(File.Exists);

    public static string? PostgresBinDir
    {
        get
        {
            const string root = "/usr/lib/postgresql";
            return Directory.Exists(root)
                ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                    .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
                : null;
        }
    }

    private static string? Existing(string path) => File.Exists(path) ? path : null;
}
