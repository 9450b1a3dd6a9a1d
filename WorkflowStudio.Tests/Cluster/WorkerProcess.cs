using System.Collections.Concurrent;
using System.Diagnostics;
using WorkflowStudio.Tests.Cli;

namespace WorkflowStudio.Tests.Cluster;

/// <summary>A real <c>studio serve --role worker</c> process against a PostgreSQL database, killable with SIGKILL.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Output => string.Join(Environment.NewLine, _output);

    /// <param name="environment">Extra environment variables (configuration), e.g. <c>Execution__QueuePollSeconds</c>.</param>
    public static async Task<WorkerProcess> StartAsync(ClusterWorkspace workspace, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = workspace.StudioStart("serve", "--role", "worker");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var worker = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!worker._output.Any(l => l.Contains("is executing nodes", StringComparison.Ordinal)))
        {
            if (worker._process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"worker did not become ready:{Environment.NewLine}{worker.Output}");
            }
            await Task.Delay(100);
        }
        return worker;
    }

    /// <summary>SIGKILL: no shutdown, no lease release, as when a machine dies.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM: the graceful stop a process manager sends (systemd, Kubernetes, docker stop).</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) for the process to end; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"worker {_process.Id} did not exit within {timeout.TotalSeconds} s:{Environment.NewLine}{Output}");
        }
        _process.WaitForExit(); // the redirected output is complete only after this
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
