using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Web.Hubs;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Studio.Tenants;

/// <summary>/hubs/runs with the browser cookie of one tenant's user: another tenant's runs cannot be followed.</summary>
public sealed class TenantHubTests : IClassFixture<TwoTenantStudioFixture>, IAsyncLifetime
{
    private readonly TwoTenantStudio _studio;
    private HubConnection _bob = default!;

    public TenantHubTests(TwoTenantStudioFixture fixture) => _studio = fixture.Studio;

    public async Task InitializeAsync()
    {
        var cookie = await _studio.CookieAsync(_studio.Globex);
        _bob = new HubConnectionBuilder().WithUrl(new Uri(_studio.Host.Address, RunsHub.Path), o => o.Headers["Cookie"] = cookie).Build();
        await _bob.StartAsync();
    }

    public async Task DisposeAsync() => await _bob.DisposeAsync();

    [Fact]
    public async Task Subscribe_AnotherTenantsRun_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<HubException>(() => _bob.InvokeAsync(nameof(RunsHub.Subscribe), _studio.Acme.FinishedRunId));
        var resumed = await Assert.ThrowsAsync<HubException>(() => _bob.InvokeAsync(nameof(RunsHub.Resume), _studio.Acme.FinishedRunId, 0L));

        Assert.Contains("No run", refused.Message, StringComparison.Ordinal);
        Assert.Contains("No run", resumed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_OwnRun_ReplaysItsEvents()
    {
        var events = Channel.CreateUnbounded<JsonElement>();
        using var handler = _bob.On<JsonElement>(RunsHub.EventMethod, e => events.Writer.TryWrite(e));

        await _bob.InvokeAsync(nameof(RunsHub.Subscribe), _studio.Globex.FinishedRunId);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var first = await events.Reader.ReadAsync(timeout.Token);
        Assert.Equal(_studio.Globex.FinishedRunId, first.GetProperty("run_id").GetString());
    }

    [Fact]
    public async Task SubscribeAll_ReceivesOnlyTheTenantsRuns()
    {
        var runIds = Channel.CreateUnbounded<string>();
        using var handler = _bob.On<JsonElement>(RunsHub.EventMethod, e => runIds.Writer.TryWrite(e.GetProperty("run_id").GetString()!));
        await _bob.InvokeAsync(nameof(RunsHub.SubscribeAll));
        var coordinator = _studio.Services.GetRequiredService<IRunCoordinator>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var none = new Dictionary<string, JsonElement>();

        // acme's run first and to its end; then globex's, whose events end the wait.
        var theirs = await coordinator.StartAsync(Of(Node("x")), none, new TenantId(_studio.Acme.Tenant), cancellationToken: timeout.Token);
        await coordinator.WaitAsync(theirs, cancellationToken: timeout.Token);
        var mine = await coordinator.StartAsync(Of(Node("y")), none, new TenantId(_studio.Globex.Tenant), cancellationToken: timeout.Token);
        await coordinator.WaitAsync(mine, cancellationToken: timeout.Token);

        var seen = new List<string>();
        while (!seen.Contains(mine) || seen.Count(id => id == mine) < 4)
        {
            seen.Add(await runIds.Reader.ReadAsync(timeout.Token));
        }
        Assert.DoesNotContain(theirs, seen);
        Assert.All(seen, id => Assert.Equal(mine, id));
    }
}
