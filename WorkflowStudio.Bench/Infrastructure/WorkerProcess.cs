using System.Collections.Concurrent;
using System.Diagnostics;

namespace WorkflowStudio.Bench.Infrastructure;

/// <summary>A <c>studio serve --role worker --storage postgres</c> process, ready once it says it is executing nodes.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDir;
    private readonly ConcurrentQueue<string> _output = new();

    private WorkerProcess(Process process, string dataDir)
    {
        _process = process;
        _dataDir = dataDir;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static async Task<WorkerProcess> StartAsync(string studioDll, string connectionString, int workerCount, CancellationToken cancellationToken = default)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "wfs-bench-worker", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { studioDll, "serve", "--role", "worker", "--storage", "postgres", "--connection", connectionString, "--data-dir", dataDir })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["Execution__WorkerCount"] = workerCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Information";
        var worker = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), dataDir);
        var deadline = Stopwatch.StartNew();
        while (!worker._output.Any(l => l.Contains("is executing nodes", StringComparison.Ordinal)))
        {
            if (worker._process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                var output = string.Join(Environment.NewLine, worker._output);
                await worker.DisposeAsync();
                throw new InvalidOperationException($"worker did not become ready:{Environment.NewLine}{output}");
            }
            await Task.Delay(100, cancellationToken);
        }
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }
}
