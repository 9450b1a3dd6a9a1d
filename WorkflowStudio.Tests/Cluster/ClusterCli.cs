using System.Diagnostics;

namespace WorkflowStudio.Tests.Cluster;

/// <summary>Starts <c>studio</c> CLI processes of a <see cref="ClusterWorkspace"/> and waits for them or for a database condition.</summary>
internal static class ClusterCli
{
    public static Process StartCli(ClusterWorkspace workspace, params string[] args)
    {
        var process = Process.Start(workspace.StudioStart(args)) ?? throw new InvalidOperationException("dotnet did not start");
        process.StandardInput.Close();
        return process;
    }

    public static async Task<(int Exit, string Stdout, string Stderr)> FinishAsync(Process process)
    {
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"studio did not finish; stderr:{Environment.NewLine}{await stderr}");
            }
            return (process.ExitCode, await stdout, await stderr);
        }
    }

    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"condition not reached; last value: {value}");
            }
            await Task.Delay(100);
        }
    }
}
