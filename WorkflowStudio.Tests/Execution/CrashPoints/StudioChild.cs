using System.Collections.Concurrent;
using System.Diagnostics;

namespace WorkflowStudio.Tests.Execution.CrashPoints;

/// <summary>One <c>studio</c> child process, its output collected.</summary>
internal sealed class StudioChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    public StudioChild(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _stdout.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _stderr.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();
    }

    public bool HasExited => _process.HasExited;
    public string Stdout => string.Join(Environment.NewLine, _stdout);
    public string Stderr => string.Join(Environment.NewLine, _stderr);

    /// <summary>Both streams (a worker logs to stdout, the crash-point marker and CLI progress go to stderr).</summary>
    public string Output => Stdout + Environment.NewLine + Stderr;

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        _process.WaitForExit();
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
