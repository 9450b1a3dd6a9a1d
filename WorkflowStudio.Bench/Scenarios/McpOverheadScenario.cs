using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;
using WorkflowStudio.Bench.Infrastructure;
using WorkflowStudio.Bench.Reporting;
using WorkflowStudio.Engine.Tools;
using static WorkflowStudio.Bench.Scenarios.BenchContext;

namespace WorkflowStudio.Bench.Scenarios;

/// <summary>Scenario 6: calls/s and latency of McpTestServer's <c>sleep</c> (0 ms) through our McpToolHub vs a raw SDK McpClient loop.</summary>
internal sealed class McpOverheadScenario(BenchContext context)
{
    private const int Concurrency = 16;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Log("MCP call overhead");
        var table = context.Report.Add(new BenchReport.Section(
            "6. MCP call overhead",
            BenchReport.Invariant($"McpTestServer's `sleep` tool with `ms: 0`, called one at a time (latency) and from {Concurrency} concurrent callers (calls/s), ") +
            "through WorkflowStudio's `McpToolHub` (argument mapping, per-server concurrency limit, timeouts, result mapping) and through a raw " +
            "MCP C# SDK 2.4.0 `McpClient` loop (the baseline), over stdio and Streamable HTTP.",
            "transport", "client", "sequential p50 / p95 / p99 ms", "÷ raw p50", "concurrent calls/s", "÷ raw calls/s"));
        if (RepoPaths.McpTestServerDll is not { } dll)
        {
            table.Note("Skipped: McpTestServer is not built (scripts/bench builds WorkflowStudio.Tests/McpTestServer in Release).");
            return;
        }
        var calls = context.Options.Smoke ? 20 : context.Options.Quick ? 300 : 2000;
        await MeasureTransportAsync(table, "stdio", new StdioClientTransport(new StdioClientTransportOptions { Name = "bench", Command = "dotnet", Arguments = [dll] }),
            $$"""{ "mcpServers": { "bench": { "command": "dotnet", "args": [{{JsonSerializer.Serialize(dll)}}] } } }""", calls, cancellationToken);
        await using var http = await HttpMcpServer.StartAsync(dll, cancellationToken);
        await MeasureTransportAsync(table, "HTTP", new HttpClientTransport(new HttpClientTransportOptions { Endpoint = http.Url, TransportMode = HttpTransportMode.StreamableHttp }),
            $$"""{ "mcpServers": { "bench": { "url": {{JsonSerializer.Serialize(http.Url.ToString())}} } } }""", calls, cancellationToken);
    }

    private static async Task MeasureTransportAsync(BenchReport.Section table, string transport, IClientTransport rawTransport, string hubConfig, int calls, CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, object?> { ["ms"] = 0 };
        await using var raw = await McpClient.CreateAsync(rawTransport, cancellationToken: cancellationToken);
        var rawResult = await MeasureAsync(async () => await raw.CallToolAsync("sleep", arguments, cancellationToken: cancellationToken), calls);

        var options = new McpToolHubOptions { Servers = McpServersConfig.Parse(hubConfig, "bench-mcp.json", Path.GetTempPath(), _ => null), MaxConcurrentCallsPerServer = Concurrency };
        await using var hub = new McpToolHub(Options.Create(options), TimeProvider.System);
        var request = new ToolCallRequest { Server = "bench", Tool = "sleep", Arguments = JsonSerializer.SerializeToElement(arguments) };
        var hubResult = await MeasureAsync(async () =>
        {
            var result = await hub.InvokeAsync(request, cancellationToken);
            if (result.IsError)
            {
                throw new InvalidOperationException($"bench/sleep failed: {result.ErrorMessage}");
            }
        }, calls);

        var rawP50 = Stats.Percentile(rawResult.Latencies, 50);
        table.Row(transport, "raw SDK McpClient", Percentiles(rawResult.Latencies), "1.00×", F(rawResult.PerSecond), "1.00×");
        table.Row(transport, "McpToolHub", Percentiles(hubResult.Latencies), $"{F(Stats.Percentile(hubResult.Latencies, 50) / rawP50, "0.00")}×",
            F(hubResult.PerSecond), $"{F(hubResult.PerSecond / rawResult.PerSecond, "0.00")}×");
    }

    private static async Task<(List<double> Latencies, double PerSecond)> MeasureAsync(Func<Task> call, int calls)
    {
        for (var i = 0; i < 20; i++)
        {
            await call(); // warm-up
        }
        var latencies = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        var remaining = calls;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await call();
            }
        }));
        return (latencies, calls / stopwatch.Elapsed.TotalSeconds);
    }
}
