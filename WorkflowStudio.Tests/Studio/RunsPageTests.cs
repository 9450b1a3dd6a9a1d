using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Store;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Web.Components.Pages;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The runs list says how each run was started and names saved workflows by their current name, within the tenant.</summary>
public sealed class RunsPageTests
{
    [Fact]
    public async Task RunsPage_ScheduledRunOfASavedWorkflowAndAManualOneOff_ShowsOriginsAndTheSavedName()
    {
        await using var host = await ApiHost.StartAsync();
        await host.Tenants.EnsureTenantAsync("acme");
        await host.Tenants.EnsureTenantAsync("globex");
        var workflows = host.Services.GetRequiredService<IWorkflowStore>();
        var saved = await workflows.SaveAsync(null, Echo("sales-nightly"), tenantId: "acme");
        await workflows.SaveAsync(saved.Id, Echo("Nightly sales report"), tenantId: "acme");
        var theirs = await workflows.SaveAsync(null, Echo("globex secret plan"), tenantId: "globex");
        var acme = host.Services.GetRequiredService<RunFrontDoor>().For(new TenantId("acme"));
        var none = new Dictionary<string, JsonElement>();
        var scheduled = (await acme.StartAsync(new RunStartRequest("schedule:nightly", saved.Definition, none) { WorkflowId = saved.Id })).RunId!;
        var manual = (await acme.StartAsync(new RunStartRequest("user:alice", Echo("one-off"), none))).RunId!;
        // A run naming another tenant's workflow id must not learn that workflow's name.
        var foreign = (await acme.StartAsync(new RunStartRequest("key:ws_ab12", Echo("own name"), none) { WorkflowId = theirs.Id })).RunId!;
        await using var components = ComponentTestContext.ForStudio(host.Services, "alice", "acme");

        var page = components.Render<RunsPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=run-row]").Count), TimeSpan.FromSeconds(30));
        Assert.Equal(("Nightly sales report", RunOrigin.Scheduled, "Scheduled"), Row(page, scheduled));
        Assert.Equal(("one-off", RunOrigin.Manual, "Manual"), Row(page, manual));
        Assert.Equal(("own name", RunOrigin.Api, "API"), Row(page, foreign));
        Assert.DoesNotContain("globex secret plan", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDetailPage_ScheduledRun_ShowsItsOriginAndWhoStartedIt()
    {
        await using var host = await ApiHost.StartAsync();
        await host.Tenants.EnsureTenantAsync("acme");
        var acme = host.Services.GetRequiredService<RunFrontDoor>().For(new TenantId("acme"));
        var runId = (await acme.StartAsync(new RunStartRequest("schedule:nightly", Echo("nightly"), new Dictionary<string, JsonElement>()))).RunId!;
        await using var components = ComponentTestContext.ForStudio(host.Services, "alice", "acme");

        var page = components.Render<RunDetailPage>(p => p.Add(x => x.RunId, runId));

        page.WaitForAssertion(() => Assert.Equal(RunOrigin.Scheduled, page.Find("[data-testid=origin-chip]").GetAttribute("data-origin")), TimeSpan.FromSeconds(30));
        Assert.Contains("started by schedule:nightly", page.Find("[data-testid=origin-chip]").GetAttribute("title"), StringComparison.Ordinal);
    }

    private static (string Name, string? Origin, string Label) Row(IRenderedComponent<RunsPage> page, string runId)
    {
        var row = page.Find($"[data-testid=run-row][data-run-id='{runId}']");
        var chip = row.QuerySelector("[data-testid=origin-chip]")!;
        return (row.QuerySelector("[data-testid=run-workflow]")!.TextContent.Trim(), chip.GetAttribute("data-origin"), chip.TextContent.Trim());
    }

    private static WorkflowDefinition Echo(string name) => new()
    {
        Name = name,
        Nodes = [new WorkflowNode { Id = "hello", Tool = "builtin/echo", Args = JsonSerializer.SerializeToElement(new { value = 1 }) }],
    };
}
