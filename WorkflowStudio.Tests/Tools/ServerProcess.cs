using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WorkflowStudio.Tests.Tools;

/// <summary>An HTTP MCP server started for a test fixture: waits until it announces it listens, killed (with its children) on dispose.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process) => _process = process;

    public Uri Url { get; private set; } = null!;

    /// <summary>Starts McpTestServer with <c>--http --port 0</c> and reads the URL it prints.</summary>
    public static Task<ServerProcess> StartMcpTestServerAsync() =>
        StartAsync("dotnet", [TestServers.McpTestServerDll, "--http", "--port", "0"], new Dictionary<string, string>(),
            line => line.StartsWith("LISTENING ", StringComparison.Ordinal) ? new Uri(line["LISTENING ".Length..]) : null);

    /// <summary>Starts server-everything in streamableHttp mode on a free port (PORT env).</summary>
    public static Task<ServerProcess> StartEverythingAsync()
    {
        var port = FreePort();
        return StartAsync(TestServers.EverythingBin, ["streamableHttp"], new Dictionary<string, string> { ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            line => line.Contains($"listening on port {port}", StringComparison.OrdinalIgnoreCase) ? new Uri($"http://127.0.0.1:{port}/mcp") : null);
    }

    private static async Task<ServerProcess> StartAsync(string command, string[] args, Dictionary<string, string> env, Func<string, Uri?> ready)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }
        var server = new ServerProcess(new Process { StartInfo = start });
        var url = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }
            lock (server._output)
            {
                server._output.AppendLine(e.Data);
            }
            if (ready(e.Data) is { } found)
            {
                url.TrySetResult(found);
            }
        }
        server._process.OutputDataReceived += OnLine;
        server._process.ErrorDataReceived += OnLine;
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            var exited = server._process.WaitForExitAsync();
            var first = await Task.WhenAny(url.Task, exited).WaitAsync(TimeSpan.FromSeconds(30));
            if (first != url.Task)
            {
                var output = server.Output;
                var exitCode = server._process.ExitCode;
                await server.DisposeAsync();
                throw new InvalidOperationException($"{command} exited with code {exitCode} before listening:{Environment.NewLine}{output}");
            }
            server.Url = await url.Task;
            return server;
        }
        catch (TimeoutException ex)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"{command} did not announce that it listens within 30 s:{Environment.NewLine}{server.Output}", ex);
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
