using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Tenancy;
using static WorkflowStudio.Tests.Api.ApiJson;

namespace WorkflowStudio.Tests.Api;

/// <summary>Monthly quotas (429), an exhausted plan (402) and the per-key rate limit (429), each naming the limit and its reset.</summary>
public sealed class QuotaAndRateLimitTests
{
    [Fact]
    public async Task Orchestrate_OverTheMonthlyRunQuota_Answers429NamingTheLimitAndReset()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Pricing:Tiers:orchestrated_workflows:MonthlyRuns"] = "1" });
        var client = await host.ClientAsync("acme", tier: "orchestrated");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(new Uri("/api/orchestrate", UriKind.Relative), Body(new { workflow = Echo("one") }))).StatusCode);

        using var refused = await client.PostAsync(new Uri("/api/orchestrate", UriKind.Relative), Body(new { workflow = Echo("two") }));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var problem = await ReadAsync(refused);
        Assert.Equal(QuotaDecision.MonthlyRuns, problem.GetProperty("limit").GetString());
        var resets = problem.GetProperty("resetsAt").GetDateTimeOffset();
        Assert.Equal(1, resets.Day);
        Assert.True(resets > DateTimeOffset.UtcNow);
        Assert.NotNull(refused.Headers.RetryAfter);
        // Another tenant is not affected.
        var other = await host.ClientAsync("globex", tier: "orchestrated");
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync(new Uri("/api/orchestrate", UriKind.Relative), Body(new { workflow = Echo("three") }))).StatusCode);
    }

    [Fact]
    public async Task StartWorkflowRun_OverTheMonthlyRunQuota_Answers429_AndOnlyTheStartedRunIsAudited()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Pricing:Tiers:orchestrated_workflows:MonthlyRuns"] = "1" });
        var client = await host.ClientAsync("acme", tier: "orchestrated");
        using var saved = await client.PostAsync(new Uri("/api/workflows", UriKind.Relative), Body(Echo("saved")));
        var id = (await ReadAsync(saved)).GetProperty("id").GetString();
        using var first = await client.PostAsync(new Uri($"/api/workflows/{id}/runs", UriKind.Relative), Body(new { }));
        var runId = (await ReadAsync(first)).GetProperty("run_id").GetString();

        using var refused = await client.PostAsync(new Uri($"/api/workflows/{id}/runs", UriKind.Relative), Body(new { }));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(QuotaDecision.MonthlyRuns, (await ReadAsync(refused)).GetProperty("limit").GetString());
        var started = Assert.Single(await host.Services.GetRequiredService<IAuditLog>().ListAsync("acme"), e => e.Action == "run.start");
        Assert.Equal(runId, started.Target);
        Assert.StartsWith("key:", started.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orchestrate_WhenThePlanIsSpent_Answers402()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Pricing:Tiers:simple_actions:MonthlySpendLimitUsd"] = "0.02" });
        var client = await host.ClientAsync("smallco", tier: "simple");
        using var first = await client.PostAsync(new Uri("/api/orchestrate", UriKind.Relative), Body(new { workflow = Echo("two-calls", 2) }));
        var runId = (await ReadAsync(first)).GetProperty("run_id").GetString()!;
        await host.Services.GetRequiredService<IUsageLedger>().RecordRunAsync(runId); // billing is idempotent: the meter may have done it already

        using var refused = await client.PostAsync(new Uri("/api/orchestrate", UriKind.Relative), Body(new { workflow = Echo("more") }));

        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        var problem = await ReadAsync(refused);
        Assert.Equal(QuotaDecision.MonthlySpend, problem.GetProperty("limit").GetString());
        Assert.Equal(0.02m, problem.GetProperty("used").GetDecimal());
        Assert.True(problem.TryGetProperty("resetsAt", out _));
    }

    [Fact]
    public async Task AnyApiCall_OverThePerKeyRateLimit_Answers429WithRetryAfter()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Api:PermitsPerMinute"] = "3" });
        var client = await host.ClientAsync("acme");
        var otherKey = await host.ClientAsync("acme");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/templates", UriKind.Relative))).StatusCode);
        }

        using var limited = await client.GetAsync(new Uri("/api/templates", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        var problem = await ReadAsync(limited);
        Assert.Equal("requests_per_minute", problem.GetProperty("limit").GetString());
        Assert.Equal(3, problem.GetProperty("limitValue").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await otherKey.GetAsync(new Uri("/api/templates", UriKind.Relative))).StatusCode);
    }
}
