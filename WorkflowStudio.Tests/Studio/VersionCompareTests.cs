using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Store;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Web.Components.Canvas;
using WorkflowStudio.Web.Components.Pages;

namespace WorkflowStudio.Tests.Studio;

/// <summary>Versions side by side: one canvas with both versions, changes in colour and as a text list, per tenant.</summary>
public sealed class VersionCompareTests
{
    private static WorkflowDefinition Parse(string json) => WorkflowJson.Parse(json).Workflow!;

    private static readonly WorkflowDefinition Before = Parse("""
        { "name": "refunds", "nodes": [
          { "id": "lookup", "tool": "builtin/echo", "args": { "invoice": "INV-1" } },
          { "id": "refund", "tool": "builtin/echo", "args": { "amount": 10, "note": "x" }, "dependsOn": ["lookup"] },
          { "id": "notify", "tool": "builtin/echo", "dependsOn": ["refund"] } ] }
        """);

    private static readonly WorkflowDefinition After = Parse("""
        { "name": "refunds", "nodes": [
          { "id": "lookup", "tool": "builtin/echo", "args": { "invoice": "INV-1" } },
          { "id": "refund", "tool": "builtin/echo", "args": { "amount": 25, "note": "x" }, "dependsOn": ["lookup"] },
          { "id": "audit", "tool": "builtin/echo", "args": { "v": "{{ steps.refund.output }}" } } ] }
        """);

    [Fact]
    public async Task Render_TwoVersions_MarksEveryNodeAndEdgeOnTheCanvasAndListsArgumentChanges()
    {
        await using var context = ComponentTestContext.Create();

        var cut = context.Render<VersionCompare>(p => p.Add(c => c.Before, Before).Add(c => c.After, After)
            .Add(c => c.BeforeLabel, "version 1").Add(c => c.AfterLabel, "version 2"));

        var states = cut.FindAll("[data-testid=compare-node]").ToDictionary(n => n.GetAttribute("data-node-id")!, n => n.GetAttribute("data-state"));
        Assert.Equal(new Dictionary<string, string?> { ["lookup"] = "unchanged", ["refund"] = "changed", ["audit"] = "added", ["notify"] = "removed" }, states);
        var edges = cut.FindAll("[data-testid=compare-edge]").Select(e => $"{e.GetAttribute("data-from")}>{e.GetAttribute("data-to")}:{e.GetAttribute("data-state")}").Order(StringComparer.Ordinal);
        Assert.Equal(["lookup>refund:unchanged", "refund>audit:added", "refund>notify:removed"], edges);
        var argument = Assert.Single(cut.FindAll("[data-testid=compare-argument]"));
        Assert.Equal("amount", argument.GetAttribute("data-argument"));
        Assert.Contains("10 → 25", argument.TextContent, StringComparison.Ordinal);
        Assert.Equal(["audit", "notify", "refund"], cut.FindAll("[data-testid=compare-change]").Select(c => c.GetAttribute("data-node-id")).Order(StringComparer.Ordinal));
        Assert.Equal(2, cut.FindAll("[data-testid=compare-edge-change]").Count);
        Assert.Contains("added (1)", cut.Find("[data-testid=compare-legend]").TextContent, StringComparison.Ordinal);
        Assert.Contains("version 1 compared with version 2", cut.Find("[data-testid=compare-canvas]").GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SameVersion_SaysNothingChanged()
    {
        await using var context = ComponentTestContext.Create();

        var cut = context.Render<VersionCompare>(p => p.Add(c => c.Before, Before).Add(c => c.After, Before));

        Assert.NotNull(cut.Find("[data-testid=compare-same]"));
        Assert.All(cut.FindAll("[data-testid=compare-node]"), n => Assert.Equal("unchanged", n.GetAttribute("data-state")));
    }

    [Fact]
    public async Task WorkflowComparePage_TwoSavedVersions_ComparesTheLatestWithTheOneBeforeByDefault()
    {
        await using var host = await ApiHost.StartAsync();
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        var first = await store.SaveAsync(null, Before, tenantId: "acme");
        await store.SaveAsync(first.Id, After, tenantId: "acme");
        await using var components = ComponentTestContext.ForStudio(host.Services, "alice", "acme", TenantRoles.Viewer);

        var page = components.Render<WorkflowComparePage>(p => p.Add(x => x.WorkflowId, first.Id));

        page.WaitForAssertion(() => Assert.Contains("version 1 compared with version 2", page.Find("[data-testid=compare-canvas]").GetAttribute("aria-label"),
            StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Equal("added", page.Find("[data-testid=compare-node][data-node-id=audit]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task WorkflowComparePage_AnotherTenantsWorkflow_IsNotFound()
    {
        await using var host = await ApiHost.StartAsync();
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        var first = await store.SaveAsync(null, Before, tenantId: "acme");
        await store.SaveAsync(first.Id, After, tenantId: "acme");
        await using var components = ComponentTestContext.ForStudio(host.Services, "mallory", "globex", TenantRoles.Admin);

        var page = components.Render<WorkflowComparePage>(p => p.Add(x => x.WorkflowId, first.Id));

        page.WaitForAssertion(() => Assert.Contains($"No saved workflow {first.Id}", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll("[data-testid=compare-node]"));
    }
}

/// <summary>A run's plan before and after a re-plan, drawn like two versions; linked from the run's re-plan list.</summary>
public sealed class RunRevisionComparePageTests
{
    private static readonly WorkflowDefinition Started = WorkflowJson.Parse("""
        { "name": "refunds", "nodes": [ { "id": "lookup", "tool": "builtin/echo", "args": { "invoice": "INV-1" } },
                                       { "id": "refund", "tool": "builtin/echo", "args": { "amount": 10 }, "dependsOn": ["lookup"] } ] }
        """).Workflow!;

    private static readonly WorkflowDefinition Replanned = WorkflowJson.Parse("""
        { "name": "refunds", "nodes": [ { "id": "lookup", "tool": "builtin/echo", "args": { "invoice": "INV-1" } },
                                       { "id": "refund", "tool": "builtin/echo", "args": { "amount": 25 }, "dependsOn": ["lookup"] },
                                       { "id": "notify", "tool": "builtin/echo", "dependsOn": ["refund"] } ] }
        """).Workflow!;

    /// <summary>A finished run of acme's with one re-plan journaled as the engine journals it (the engine side: RunReviserTests).</summary>
    private static async Task<string> RunWithRevisionAsync(ApiHost host, string? previous)
    {
        var runId = await host.Services.GetRequiredService<WorkflowStudio.Engine.Runs.IRunCoordinator>()
            .StartAsync(Started, new Dictionary<string, System.Text.Json.JsonElement>(), new TenantId("acme"));
        await host.Services.GetRequiredService<WorkflowStudio.Engine.Persistence.IDatabase>().WriteAsync(async (connection, transaction) =>
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "INSERT INTO run_revisions (run_id, revision, failed_node, error, planner, explanation, diff, definition, previous_definition, created_at) " +
                "VALUES (@runId, 1, 'refund', 'amount too small', 'template', NULL, '{\"added\":[\"notify\"],\"removed\":[],\"changed\":[\"refund\"]}', @definition, @previous, 0)",
                new { runId, definition = WorkflowJson.Serialize(Replanned), previous }, transaction));
        return runId;
    }

    [Fact]
    public async Task Page_ARevision_DrawsThePlanAsStartedAgainstTheReplannedOne()
    {
        await using var host = await ApiHost.StartAsync();
        var runId = await RunWithRevisionAsync(host, WorkflowJson.Serialize(Started));
        await using var components = ComponentTestContext.ForStudio(host.Services, "alice", "acme", TenantRoles.Viewer);

        var page = components.Render<RunRevisionComparePage>(p => p.Add(x => x.RunId, runId).Add(x => x.Revision, 1));

        page.WaitForAssertion(() => Assert.Contains("as started compared with revision 1", page.Find("[data-testid=compare-canvas]").GetAttribute("aria-label"),
            StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Equal("changed", page.Find("[data-testid=compare-node][data-node-id=refund]").GetAttribute("data-state"));
        Assert.Equal("added", page.Find("[data-testid=compare-node][data-node-id=notify]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task Page_ARevisionJournaledBeforeTheGraphWasKept_SaysSoInsteadOfGuessing()
    {
        await using var host = await ApiHost.StartAsync();
        var runId = await RunWithRevisionAsync(host, previous: null);
        await using var components = ComponentTestContext.ForStudio(host.Services, "alice", "acme", TenantRoles.Viewer);

        var page = components.Render<RunRevisionComparePage>(p => p.Add(x => x.RunId, runId).Add(x => x.Revision, 1));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=revision-before-missing]")), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll("[data-testid=compare-node]"));
    }

    [Fact]
    public async Task Page_AnotherTenantsRun_IsNotFound()
    {
        await using var host = await ApiHost.StartAsync();
        var runId = await RunWithRevisionAsync(host, WorkflowJson.Serialize(Started));
        await using var components = ComponentTestContext.ForStudio(host.Services, "mallory", "globex", TenantRoles.Admin);

        var page = components.Render<RunRevisionComparePage>(p => p.Add(x => x.RunId, runId).Add(x => x.Revision, 1));

        page.WaitForAssertion(() => Assert.Contains($"No re-plan 1 of run {runId}", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll("[data-testid=compare-node]"));
    }

    [Fact]
    public async Task RevisionList_WithTheRunId_LinksEachRevisionToItsDrawing()
    {
        await using var context = ComponentTestContext.Create();
        var revision = new WorkflowStudio.Engine.Runs.RunRevision
        {
            Revision = 2, FailedNode = "refund", Error = "x", Planner = "template", Diff = new WorkflowStudio.Engine.Runs.RevisionDiff([], [], ["refund"]),
        };

        var cut = context.Render<RevisionList>(p => p.Add(c => c.Revisions, [revision]).Add(c => c.RunId, "run-7"));

        Assert.EndsWith("runs/run-7/revisions/2/compare", cut.Find("[data-testid=revision-compare]").GetAttribute("href"), StringComparison.Ordinal);
    }
}
