using System.Diagnostics;

namespace WorkflowStudio.Bench.Infrastructure;

/// <summary>McpTestServer over Streamable HTTP on a free port (<c>--http --port 0</c>); its URL comes from its LISTENING line.</summary>
internal sealed class HttpMcpServer : IAsyncDisposable
{
    private readonly Process _process;

    private HttpMcpServer(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<HttpMcpServer> StartAsync(string serverDll, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { serverDll, "--http", "--port", "0" })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                return new HttpMcpServer(process, new Uri(line["LISTENING ".Length..].Trim()));
            }
        }
        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new InvalidOperationException("McpTestServer --http exited before it printed its LISTENING line");
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
