using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Web.Hosting;
using WorkflowStudio.Web.Hubs;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The /hubs/runs endpoint of a real studio host, read by the real SignalR .NET client.</summary>
public sealed class RunsHubTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wfs-hub", Guid.NewGuid().ToString("N"));
    private WebApplication _app = default!;
    private string _address = default!;

    public async Task InitializeAsync()
    {
        _app = StudioWebHost.Build(new Dictionary<string, string?>
        {
            [StudioConfigurationKeys.Urls] = "http://127.0.0.1:0",
            [StudioConfigurationKeys.DataDir] = _root,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await _app.StartAsync();
        _address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task SubscribeAll_ThenRun_ReceivesEveryEventOfTheRunInOrder()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = Channel.CreateUnbounded<JsonElement>();
        await using var connection = new HubConnectionBuilder().WithUrl(_address.TrimEnd('/') + RunsHub.Path).Build();
        connection.On<JsonElement>(RunsHub.EventMethod, e => events.Writer.TryWrite(e));
        await connection.StartAsync(timeout.Token);
        await connection.InvokeAsync(nameof(RunsHub.SubscribeAll), timeout.Token);

        var runId = await _app.Services.GetRequiredService<IRunCoordinator>()
            .StartAsync(Of(Node("a"), Node("b", "a")), new Dictionary<string, JsonElement>(), TenantId.Default, cancellationToken: timeout.Token);

        var kinds = new List<string>();
        await foreach (var e in events.Reader.ReadAllAsync(timeout.Token))
        {
            Assert.Equal(runId, e.GetProperty("run_id").GetString());
            var kind = e.GetProperty("type").GetString()!;
            kinds.Add(kind + (e.TryGetProperty("node", out var node) ? ":" + node.GetString() : ""));
            if (kind == "run_finished")
            {
                Assert.Equal("success", e.GetProperty("status").GetString());
                break;
            }
        }
        Assert.Equal(["run_started", "node_started:a", "node_finished:a", "node_started:b", "node_finished:b", "run_finished"], kinds);
    }

    [Fact]
    public async Task Subscribe_OneRun_DoesNotReceiveOtherRuns()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var coordinator = _app.Services.GetRequiredService<IRunCoordinator>();
        var received = Channel.CreateUnbounded<string>();
        await using var connection = new HubConnectionBuilder().WithUrl(_address.TrimEnd('/') + RunsHub.Path).Build();
        connection.On<JsonElement>(RunsHub.EventMethod, e => received.Writer.TryWrite(e.GetProperty("run_id").GetString()!));
        await connection.StartAsync(timeout.Token);
        // A slow run: subscribe to it while it waits, then start a second, fast run.
        var slow = Of(new Engine.Workflows.WorkflowNode
        {
            Id = "wait", Tool = "builtin/delay", Args = JsonSerializer.SerializeToElement(new { milliseconds = 300 }),
        });
        var watched = await coordinator.StartAsync(slow, new Dictionary<string, JsonElement>(), TenantId.Default, cancellationToken: timeout.Token);
        await connection.InvokeAsync(nameof(RunsHub.Subscribe), watched, timeout.Token);
        var other = await coordinator.StartAsync(Of(Node("x")), new Dictionary<string, JsonElement>(), TenantId.Default, cancellationToken: timeout.Token);
        await coordinator.WaitAsync(other, cancellationToken: timeout.Token);
        await coordinator.WaitAsync(watched, cancellationToken: timeout.Token);

        var first = await received.Reader.ReadAsync(timeout.Token);
        Assert.Equal(watched, first);
        await connection.StopAsync(timeout.Token);
        received.Writer.TryComplete();
        await foreach (var runId in received.Reader.ReadAllAsync(timeout.Token))
        {
            Assert.Equal(watched, runId);
        }
    }
}
