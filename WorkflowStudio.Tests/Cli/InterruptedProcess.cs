using System.Diagnostics;
using System.Text;

namespace WorkflowStudio.Tests.Cli;

/// <summary>A running <c>studio</c> process that a test signals (SIGTERM, SIGINT) once its stderr shows a line.</summary>
internal sealed class InterruptedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly Task<string> _stdout;

    public InterruptedProcess(ProcessStartInfo start)
    {
        _process = Process.Start(WithDefaultInterrupt(start)) ?? throw new InvalidOperationException("dotnet did not start");
        _process.StandardInput.Close();
        _stdout = _process.StandardOutput.ReadToEndAsync();
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// Starts the program through <c>env --default-signal=INT</c> (which then execs it, same process id): a test run
    /// started in the background of a non-interactive shell inherits SIGINT as ignored, the runtime keeps an inherited
    /// ignore, and the signal would never reach the process; a terminal gives it the default, as this does.
    /// </summary>
    private static ProcessStartInfo WithDefaultInterrupt(ProcessStartInfo start)
    {
        var arguments = start.ArgumentList.ToArray();
        start.ArgumentList.Clear();
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(start.FileName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.FileName = "env";
        return start;
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Waits (up to 90 s) until stderr contains <paramref name="text"/>.</summary>
    public async Task WaitForStderrAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited, $"studio exited {(_process.HasExited ? _process.ExitCode : 0)} before printing '{text}'; stderr:\n{Stderr}");
            Assert.True(DateTime.UtcNow < deadline, $"studio did not print '{text}' within 90 s; stderr:\n{Stderr}");
            await Task.Delay(100);
        }
    }

    /// <summary>Sends <paramref name="signal"/> (TERM, INT) and waits (up to 90 s) for the exit.</summary>
    public async Task<(int Exit, string Stdout, string Stderr)> SignalAndWaitAsync(string signal)
    {
        using (var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"studio did not exit within 90 s of SIG{signal}; stderr:\n{Stderr}");
        }
        return (_process.ExitCode, await _stdout, Stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
