using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Runs.Events;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Web.Components.Canvas;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The run bar over the canvas: status, elapsed, steps and critical path done, cost so far, Cancel.</summary>
public sealed class RunBarTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);
    private BunitContext _context = default!;

    private static readonly RunPrice SoFar = new() { Tier = PricingTiers.Orchestrated, RunFeeUsd = 0.95m, ToolCalls = 2, PerCallUsd = 0m };

    public Task InitializeAsync()
    {
        _context = ComponentTestContext.Create(s => s.AddSingleton<TimeProvider>(_time));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static RunCanvasState Running()
    {
        var run = new RunCanvasState();
        run.Begin("r1", ["a", "b", "c"]);
        run.Apply(new RunStarted("r1", T0, "three", 3));
        run.Apply(new NodeFinished("r1", T0.AddSeconds(1), "a", "success", 1, 1000, null, false));
        run.Apply(new NodeStarted("r1", T0.AddSeconds(1), "c", "builtin/echo", 1, false));
        return run;
    }

    [Fact]
    public void Render_RunningRun_ShowsStatusElapsedStepsCriticalPathCostSoFarAndCancel()
    {
        _time.Advance(TimeSpan.FromSeconds(5));

        var bar = _context.Render<RunBar>(p => p.Add(x => x.Run, Running()).Add(x => x.CriticalPath, ["a", "c"]).Add(x => x.Price, SoFar));

        Assert.Equal("running", bar.Find("[data-testid=run-bar]").GetAttribute("data-status"));
        Assert.Equal("5.0 s", bar.Find("[data-testid=run-bar-elapsed]").TextContent.Trim());
        Assert.Equal("1 of 3 steps", bar.Find("[data-testid=run-bar-steps]").TextContent.Trim());
        Assert.Contains("critical path 1 of 2 · at c", bar.Find("[data-testid=run-bar-critical]").TextContent, StringComparison.Ordinal);
        Assert.Contains("cost so far $0.95", bar.Find("[data-testid=run-bar-cost]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(bar.Find("[data-testid=run-bar-cancel]"));
    }

    [Fact]
    public void Clock_WhileTheRunGoes_TheElapsedTimeMoves()
    {
        var bar = _context.Render<RunBar>(p => p.Add(x => x.Run, Running()).Add(x => x.CriticalPath, ["a", "c"]));

        _time.Advance(TimeSpan.FromSeconds(3));

        bar.WaitForAssertion(() => Assert.Equal("3.0 s", bar.Find("[data-testid=run-bar-elapsed]").TextContent.Trim()), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Cancel_Clicked_AsksThePageToCancel()
    {
        var asked = 0;
        var bar = _context.Render<RunBar>(p => p.Add(x => x.Run, Running()).Add(x => x.OnCancel, () => asked++));

        bar.Find("[data-testid=run-bar-cancel]").Click();

        Assert.Equal(1, asked);
    }

    [Fact]
    public void Render_FinishedRun_ShowsTheBilledCostAndNoCancel()
    {
        var run = Running();
        run.Apply(new NodeFinished("r1", T0.AddSeconds(2), "c", "success", 1, 1000, null, false));
        run.Apply(new NodeFinished("r1", T0.AddSeconds(2), "b", "success", 1, 1000, null, false));
        run.Apply(new RunFinished("r1", T0.AddSeconds(2), "success", 2100));
        _time.Advance(TimeSpan.FromMinutes(10));

        var bar = _context.Render<RunBar>(p => p.Add(x => x.Run, run).Add(x => x.CriticalPath, ["a", "c"]).Add(x => x.Price, SoFar with { ToolCalls = 3 }));

        Assert.Equal("success", bar.Find("[data-testid=run-bar]").GetAttribute("data-status"));
        Assert.Equal("2.1 s", bar.Find("[data-testid=run-bar-elapsed]").TextContent.Trim());
        Assert.Equal("3 of 3 steps", bar.Find("[data-testid=run-bar-steps]").TextContent.Trim());
        Assert.StartsWith("cost $0.95", bar.Find("[data-testid=run-bar-cost]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(bar.FindAll("[data-testid=run-bar-cancel]"));
    }
}
