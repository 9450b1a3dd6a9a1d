using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Tools;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Integration;

/// <summary>
/// A real engine host whose tools are the real tool hub (<c>Studio:McpConfig</c> → a temp mcp.json) over real servers:
/// <c>test</c> = McpTestServer over stdio, <c>web</c> = McpTestServer over Streamable HTTP, <c>everything</c> =
/// server-everything over stdio, <c>fragile</c> = McpTestServer over stdio for the crash test, and <c>blocked</c> =
/// McpTestServer over stdio whose <c>side_effect</c> file is a FIFO, so that call hangs until the test reads it, and
/// <c>ledger</c> = a TypeScript-SDK server over stdio with annotated content and a non-idempotent side effect.
/// Shared by the <see cref="McpEngineCollection"/>: its tests run one after another.
/// </summary>
public sealed class McpEngineFixture : IAsyncLifetime
{
    private ServerProcess? _http;
    private IHost? _host;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "wfs-integration", Guid.NewGuid().ToString("N"));

    /// <summary>Where <c>test/side_effect</c> appends <c>KEY\tVALUE</c> lines.</summary>
    public string SideEffectsFile => Path.Combine(Folder, "side-effects.txt");

    /// <summary>The named pipe <c>blocked/side_effect</c> writes to.</summary>
    public string BlockedFifo => Path.Combine(Folder, "blocked.fifo");

    internal IServiceProvider Services => _host!.Services;
    internal IToolCatalog Catalog => Services.GetRequiredService<IToolCatalog>();
    internal IToolInvoker Invoker => Services.GetRequiredService<IToolInvoker>();
    internal IRunCoordinator Coordinator => Services.GetRequiredService<IRunCoordinator>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        MakeFifo(BlockedFifo);
        _http = await ServerProcess.StartMcpTestServerAsync();
        var mcpConfig = Path.Combine(Folder, "mcp.json");
        await File.WriteAllTextAsync(mcpConfig, $$"""
            { "mcpServers": {
                "test": {{TestServers.StdioEntry(SideEffectsFile)}},
                "web": { "url": "{{_http.Url}}" },
                "everything": { "command": {{JsonSerializer.Serialize(TestServers.EverythingBin)}}, "args": ["stdio"] },
                "fragile": {{TestServers.StdioEntry()}},
                "blocked": {{TestServers.StdioEntry(BlockedFifo)}},
                "ledger": {{TestServers.LedgerEntry(SideEffectsFile)}} } }
            """);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([
            new("Studio:DataDir", Path.Combine(Folder, "data")),
            new("Studio:McpConfig", mcpConfig),
            new("Execution:WorkerCount", "32"),
        ]);
        builder.Services.AddWorkflowStudioEngine(builder.Configuration);
        builder.Services.AddBuiltinTools();
        _host = builder.Build();
        await _host.StartAsync();
    }

    /// <summary>Parses <paramref name="json"/> (our format), validates it against the live servers unless told not to, runs it and waits.</summary>
    internal async Task<RunResult> RunAsync(string json, bool validate = true)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var loaded = WorkflowJson.Parse(json);
        Assert.True(loaded.Succeeded, string.Join(Environment.NewLine, loaded.Errors));
        var workflow = loaded.Workflow!;
        var inputs = new Dictionary<string, JsonElement>();
        if (validate)
        {
            var errors = await WorkflowValidator.ValidateAsync(workflow, Catalog, inputs, timeout.Token);
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        }
        var runId = await Coordinator.StartAsync(workflow, inputs, TenantId.Default, cancellationToken: timeout.Token);
        return await Coordinator.WaitAsync(runId, cancellationToken: timeout.Token);
    }

    /// <summary>Calls a tool directly through the hub (to look at a server's state).</summary>
    internal async Task<JsonElement> CallAsync(string server, string tool, string arguments = "{}")
    {
        var result = await Invoker.InvokeAsync(TestServers.Call(server, tool, arguments));
        Assert.False(result.IsError, result.ErrorMessage);
        return result.Output;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        if (_http is not null)
        {
            await _http.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("mkfifo did not start");
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} failed with exit code {mkfifo.ExitCode}");
        }
    }
}
