using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Metering;
using static WorkflowStudio.Tests.Api.ApiJson;

namespace WorkflowStudio.Tests.Api;

/// <summary><c>GET /api/usage</c>: spend by day, workflow and tool, priced by the tenant's tier; CSV export.</summary>
public sealed class UsageApiTests : IAsyncLifetime
{
    private ApiHost _host = default!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Usage_AfterRuns_GroupsByToolAndWorkflowWithTierPrices()
    {
        var client = await _host.ClientAsync("acme", tier: "orchestrated");
        var other = await _host.ClientAsync("globex", tier: "simple");
        var parallel = new { workflow = Echo("wide", 3, chain: false) };
        await RunAndBillAsync(client, parallel);
        await RunAndBillAsync(client, new { workflow = Echo("narrow", 2) });
        await RunAndBillAsync(other, new { workflow = Echo("theirs", 5) });

        var byTool = await ReadAsync(await client.GetAsync(new Uri("/api/usage?groupBy=tool", UriKind.Relative)));
        var byWorkflow = await ReadAsync(await client.GetAsync(new Uri("/api/usage?groupBy=workflow", UriKind.Relative)));

        var echo = byTool.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString() == "builtin/echo");
        Assert.Equal(5, echo.GetProperty("toolCalls").GetInt64());
        var workflows = byWorkflow.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!, g => g.GetProperty("costUsd").GetDecimal());
        // orchestrated: 0.50 + 0.10·(nodes−1) + 0.25·(width−1): wide = 0.50 + 0.20 + 0.50, narrow = 0.50 + 0.10
        Assert.Equal(1.20m, workflows["wide"]);
        Assert.Equal(0.60m, workflows["narrow"]);
        Assert.DoesNotContain("theirs", workflows.Keys);
        Assert.Equal(2, byWorkflow.GetProperty("month").GetProperty("runs").GetInt32());
        Assert.Equal(1.80m, byWorkflow.GetProperty("totalUsd").GetDecimal());
    }

    [Fact]
    public async Task Usage_AsCsv_ExportsEveryLine()
    {
        var client = await _host.ClientAsync("csvco", tier: "simple");
        await RunAndBillAsync(client, new { workflow = Echo("export", 2) });

        using var response = await client.GetAsync(new Uri("/api/usage?format=csv", UriKind.Relative));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("day,workflow_id,tool,kind,quantity,cost_usd", lines[0]);
        Assert.Contains(lines, l => l.EndsWith(",export,builtin/echo,tool_call,2,0.02", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Usage_BadRange_Answers400()
    {
        var client = await _host.ClientAsync("acme");
        using var response = await client.GetAsync(new Uri("/api/usage?from=2026-02-01&to=2026-01-01", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task RunAndBillAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsync(new Uri("/api/orchestrate", UriKind.Relative), Body(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _host.Services.GetRequiredService<IUsageLedger>().RecordRunAsync((await ReadAsync(response)).GetProperty("run_id").GetString()!);
    }
}
