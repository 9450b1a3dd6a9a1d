using McpTestServer;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// stdio (default): the MCP protocol on stdin/stdout, logs on stderr.
// --http [--port N]: Streamable HTTP on http://127.0.0.1:N/ (N = 0 picks a free port); prints
// "LISTENING <url>" on stdout once it accepts connections, so a test can wait for it.
var http = args.Contains("--http", StringComparer.Ordinal);
var portIndex = Array.IndexOf(args, "--port");
var port = portIndex >= 0 && portIndex + 1 < args.Length ? int.Parse(args[portIndex + 1], System.Globalization.CultureInfo.InvariantCulture) : 0;

if (!http)
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Logging.ClearProviders();
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddSingleton<CallCounters>();
    builder.Services.AddMcpServer().WithStdioServerTransport().WithTools<TestTools>().WithTools<InputTools>();
    await Console.Error.WriteLineAsync("mcp test server: starting on stdio");
    await builder.Build().RunAsync();
    return;
}

var web = WebApplication.CreateBuilder(args);
web.Logging.ClearProviders();
web.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
web.Logging.SetMinimumLevel(LogLevel.Warning);
web.WebHost.UseUrls($"http://127.0.0.1:{port}");
web.Services.AddSingleton<CallCounters>();
web.Services.AddMcpServer().WithHttpTransport().WithTools<TestTools>().WithTools<InputTools>();
var app = web.Build();
app.MapMcp();
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First()
    ?? throw new InvalidOperationException("The HTTP server reported no address.");
Console.WriteLine($"LISTENING {address}/");
await app.WaitForShutdownAsync();
