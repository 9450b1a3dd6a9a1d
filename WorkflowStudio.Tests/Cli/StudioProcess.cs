using System.Diagnostics;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Cli;

/// <summary>Runs the real <c>studio</c> executable (<c>dotnet studio.dll VERB ...</c>) as a child process.</summary>
internal static class StudioProcess
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The Web project's own output (the test project builds it as a project reference), same configuration as the tests.</summary>
    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";
            var path = Path.Combine(TestServers.RepositoryRoot, "WorkflowStudio.Web", "bin", configuration, "net10.0", "studio.dll");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"{path} is missing: build the solution (dotnet build WorkflowStudio.sln) or run scripts/test.");
        }
    }

    /// <summary>A file under the repository's examples/ folder.</summary>
    public static string Example(string name) => Path.Combine(TestServers.RepositoryRoot, "examples", name);

    /// <summary>Runs <c>studio</c> with <paramref name="args"/> in <paramref name="workingDirectory"/> and waits for it to exit.</summary>
    public static Task<StudioOutput> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="RunAsync(string, string[])"/>, with extra environment variables (configuration such as <c>Pricing__Tiers__…</c>).</summary>
    public static async Task<StudioOutput> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"studio {string.Join(" ", args)} did not exit within {ExitTimeout.TotalSeconds} s; stderr:{Environment.NewLine}{await stderr}");
        }
        return new StudioOutput(process.ExitCode, await stdout, await stderr);
    }
}
