using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Execution;
using WorkflowStudio.Web.Studio;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Statistics;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The admin page's reader against a real engine: journal figures, Hangfire's monitoring API, tool servers.</summary>
public sealed class AdminDashboardTests : IAsyncLifetime
{
    private EngineFixture _engine = default!;

    public async Task InitializeAsync() => _engine = await EngineFixture.StartAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task ReadAsync_AfterASucceedingAndAFailingRun_ShowsThemEverywhere()
    {
        var ok = new WorkflowNode { Id = "ok", Tool = "builtin/echo", Args = JsonSerializer.SerializeToElement(new { value = 1 }) };
        var broken = new WorkflowNode { Id = "broken", Tool = "builtin/echo", Args = JsonSerializer.SerializeToElement(new { other = 1 }) };
        Assert.Equal(RunStatus.Success, (await _engine.RunAsync(new WorkflowDefinition { Name = "ok", Nodes = [ok] })).Status);
        Assert.Equal(RunStatus.Failed, (await _engine.RunAsync(new WorkflowDefinition { Name = "broken", Nodes = [broken] })).Status);
        var services = _engine.Services;
        var dashboard = new AdminDashboard(
            new RunStatistics(services.GetRequiredService<IDatabase>()), services.GetRequiredService<JobStorage>(),
            services.GetRequiredService<IMcpServerHealth>(), TimeProvider.System);

        var snapshot = await dashboard.ReadAsync(TimeSpan.FromMinutes(15));

        Assert.InRange(snapshot.Runs.PerMinute.Count, 15, 16); // 16 when the window starts mid-minute
        Assert.Equal((2, 2, 1), (snapshot.Runs.Created, snapshot.Runs.Finished, snapshot.Runs.Succeeded));
        Assert.Equal(0.5, snapshot.Runs.SuccessRate);
        Assert.Equal(2, snapshot.Runs.NodeDurations.Count);
        Assert.Equal(new ToolFailureCount("builtin/echo", 1, 2), Assert.Single(snapshot.Runs.TopFailingTools));
        var builtin = Assert.Single(snapshot.Servers);
        Assert.Equal(("builtin", "built in", 2, 1), (builtin.Server, builtin.State, builtin.Calls, builtin.Failures));
        Assert.True(snapshot.Jobs.Servers >= 1);
        Assert.True(snapshot.Jobs.Workers >= 1);
        Assert.Equal(2.0 / 15, snapshot.RunsPerMinute, 6);
    }

    [Fact]
    public void Bars_ManyMinutes_MergeIntoAtMostTheGivenCount()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
        var minutes = Enumerable.Range(0, 360).Select(i => new MinuteRuns(t0.AddMinutes(i), 3, 1, 1)).ToArray();

        var bars = AdminDashboard.Bars(minutes);

        Assert.Equal(60, bars.Count);
        Assert.Equal(("10:00", 6, 6, 6), bars[0]);
        Assert.Equal("10:06", bars[1].Label);
    }
}
