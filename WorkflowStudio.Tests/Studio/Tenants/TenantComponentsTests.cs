using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Scheduling;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Web.Components.Canvas;
using WorkflowStudio.Web.Components.Pages;
using WorkflowStudio.Web.Studio;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Studio.Tenants;

/// <summary>Components and <see cref="StudioTenant"/> acting as one tenant's user: approvals, runs, saves and schedules stay in that tenant.</summary>
public sealed class TenantComponentsTests : IAsyncLifetime
{
    private TwoTenantStudio _studio = default!;

    public async Task InitializeAsync() => _studio = await TwoTenantStudio.StartAsync();

    public async Task DisposeAsync() => await _studio.DisposeAsync();

    [Fact]
    public async Task ApprovalPanel_AnotherTenantsRun_IsRefusedAndTheNodeKeepsWaiting()
    {
        await using var bob = _studio.ComponentsAs(_studio.Globex);
        var panel = bob.Render<ApprovalPanel>(p => p
            .Add(c => c.RunId, _studio.Acme.WaitingRunId)
            .Add(c => c.Waiting, [new PendingApproval("gate", "builtin/echo", null)]));

        await panel.Find("button[data-testid=approve-button]").ClickAsync(new());

        Assert.Contains($"no run '{_studio.Acme.WaitingRunId}'", panel.Find("[data-testid=approval-error]").TextContent, StringComparison.Ordinal);
        var run = await _studio.Services.GetRequiredService<IRunReader>().GetRunAsync(_studio.Acme.WaitingRunId);
        Assert.Equal(RunStatus.AwaitingApproval, run!.Status);
    }

    [Fact]
    public async Task ApprovalPanel_OwnRun_ApprovesAsTheSignedInUser()
    {
        await using var alice = _studio.ComponentsAs(_studio.Acme);
        var panel = alice.Render<ApprovalPanel>(p => p
            .Add(c => c.RunId, _studio.Acme.WaitingRunId)
            .Add(c => c.Waiting, [new PendingApproval("gate", "builtin/echo", null)]));

        await panel.Find("button[data-testid=approve-button]").ClickAsync(new());

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await _studio.Services.GetRequiredService<IRunCoordinator>().WaitAsync(_studio.Acme.WaitingRunId, cancellationToken: timeout.Token);
        Assert.Equal(RunStatus.Success, result.Status);
        var audit = await _studio.Services.GetRequiredService<IAuditLog>().ListAsync(_studio.Acme.Tenant);
        Assert.Contains(audit, e => e.Action == "node.approve" && e.Actor == $"user:{_studio.Acme.User}");
    }

    [Fact]
    public async Task StartRun_AsSignedInUser_TheRunBelongsToTheirTenant()
    {
        await using var bob = _studio.ComponentsAs(_studio.Globex);
        var tenant = bob.Services.GetRequiredService<StudioTenant>();

        var runId = await tenant.StartRunAsync(Of(Node("a")), new Dictionary<string, JsonElement>(), null);

        var run = await _studio.Services.GetRequiredService<IRunReader>().GetRunAsync(runId);
        Assert.Equal(_studio.Globex.Tenant, run!.TenantId);
        Assert.NotNull(await tenant.FindRunAsync(runId));
    }

    [Fact]
    public async Task StartRun_OverTheTenantsMonthlyRunQuota_IsRefusedNamingTheLimit()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Pricing:Tiers:orchestrated_workflows:MonthlyRuns"] = "1" });
        await host.Tenants.EnsureTenantAsync("tiny", "orchestrated");
        await using var user = ComponentTestContext.ForStudio(host.Services, "tina", "tiny");
        var tenant = user.Services.GetRequiredService<StudioTenant>();
        await tenant.StartRunAsync(Of(Node("a")), new Dictionary<string, JsonElement>(), null);

        var refused = await Assert.ThrowsAsync<StudioAccessException>(() => tenant.StartRunAsync(Of(Node("b")), new Dictionary<string, JsonElement>(), null).AsTask());

        Assert.Contains(QuotaDecision.MonthlyRuns, refused.Message, StringComparison.Ordinal);
        Assert.Contains("until", refused.Message, StringComparison.Ordinal);
        var started = Assert.Single(await host.Services.GetRequiredService<IAuditLog>().ListAsync("tiny"), e => e.Action == "run.start");
        Assert.Equal("user:tina", started.Actor);
    }

    [Fact]
    public async Task SaveWorkflow_AsNextVersionOfAnotherTenantsWorkflow_IsRefused()
    {
        await using var bob = _studio.ComponentsAs(_studio.Globex);
        var tenant = bob.Services.GetRequiredService<StudioTenant>();

        await Assert.ThrowsAsync<StudioAccessException>(() => tenant.SaveWorkflowAsync(_studio.Acme.WorkflowId, Of(Node("a"))).AsTask());
        await Assert.ThrowsAsync<StudioAccessException>(() => tenant.RestoreWorkflowAsync(_studio.Acme.WorkflowId, 1).AsTask());
        var saved = await tenant.SaveWorkflowAsync(null, Of(Node("a")));

        Assert.Equal(_studio.Globex.Tenant, saved.TenantId);
        Assert.Empty(await tenant.ListVersionsAsync(_studio.Acme.WorkflowId));
        Assert.DoesNotContain(await tenant.ListWorkflowsAsync(), w => w.Id == _studio.Acme.WorkflowId);
    }

    [Fact]
    public async Task Schedules_AnotherTenants_CannotBeSeenChangedOrCreated()
    {
        await using var bob = _studio.ComponentsAs(_studio.Globex);
        var tenant = bob.Services.GetRequiredService<StudioTenant>();

        Assert.Equal([_studio.Globex.ScheduleId], (await tenant.ListSchedulesAsync()).Select(s => s.Id));
        Assert.False(await tenant.ChangeScheduleAsync(_studio.Acme.ScheduleId, ScheduleChange.Delete));
        Assert.False(await tenant.ChangeScheduleAsync(_studio.Acme.ScheduleId, ScheduleChange.Trigger));
        await Assert.ThrowsAsync<ScheduleException>(() =>
            tenant.CreateScheduleAsync(new ScheduleDraft { WorkflowId = _studio.Acme.WorkflowId, Cron = "@daily" }).AsTask());
        Assert.NotNull(await _studio.Services.GetRequiredService<IScheduleService>().GetAsync(_studio.Acme.ScheduleId));
    }

    [Fact]
    public async Task Viewer_CannotRunSaveOrApprove()
    {
        await using var viewer = _studio.ComponentsAs(_studio.Globex, TenantRoles.Viewer);
        var tenant = viewer.Services.GetRequiredService<StudioTenant>();

        await Assert.ThrowsAsync<StudioAccessException>(() => tenant.StartRunAsync(Of(Node("a")), new Dictionary<string, JsonElement>(), null).AsTask());
        await Assert.ThrowsAsync<StudioAccessException>(() => tenant.SaveWorkflowAsync(null, Of(Node("a"))).AsTask());
        await Assert.ThrowsAsync<StudioAccessException>(() => tenant.DecideAsync(_studio.Globex.WaitingRunId, "gate", true, null).AsTask());
    }

    [Fact]
    public async Task NotSignedIn_OnceUsersExist_FindsNothingAndMayChangeNothing()
    {
        var coordinator = _studio.Services.GetRequiredService<IRunCoordinator>();
        var defaultRun = await coordinator.StartAsync(Of(Node("a")), new Dictionary<string, JsonElement>(), TenantId.Default);
        await using var anonymous = ComponentTestContext.ForStudio(_studio.Services);
        var tenant = anonymous.Services.GetRequiredService<StudioTenant>();

        Assert.False((await tenant.CallerAsync()).CanEdit);
        Assert.Null(await tenant.FindRunAsync(defaultRun));
        Assert.Empty((await tenant.QueryRunsAsync(new WorkflowStudio.Engine.Runs.RunQuery())).Runs);
        await Assert.ThrowsAsync<StudioAccessException>(() => tenant.StartRunAsync(Of(Node("b")), new Dictionary<string, JsonElement>(), null).AsTask());
    }

    [Fact]
    public async Task RunsPage_RendersOnlyTheTenantsRuns()
    {
        await using var alice = _studio.ComponentsAs(_studio.Acme);
        var page = alice.Render<RunsPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=run-row]")));
        var ids = page.FindAll("[data-testid=run-row]").Select(r => r.GetAttribute("data-run-id")).ToArray();
        Assert.Contains(_studio.Acme.FinishedRunId, ids);
        Assert.DoesNotContain(_studio.Globex.FinishedRunId, ids);
        Assert.DoesNotContain(_studio.Globex.WaitingRunId, ids);
    }
}
