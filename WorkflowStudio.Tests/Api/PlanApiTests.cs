using System.Net;
using static WorkflowStudio.Tests.Api.ApiJson;

namespace WorkflowStudio.Tests.Api;

/// <summary><c>POST /api/plan</c>: the plan without a run, priced for the caller's tier, with the planner's confidence.</summary>
public sealed class PlanApiTests : IAsyncLifetime
{
    private ApiHost _host = default!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Plan_RequestTheGalleryCannotDo_AnswersTheClosestPlanMarkedWeak()
    {
        var client = await _host.ClientAsync("acme", role: "viewer");

        using var response = await client.PostAsync(new Uri("/api/plan", UriKind.Relative), Body(new { request = "Pay the electricity bill from my bank account" }));
        var answer = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var confidence = answer.GetProperty("confidence");
        Assert.True(confidence.GetProperty("isWeak").GetBoolean());
        Assert.Equal("customer-support-refund", confidence.GetProperty("matchedId").GetString());
        Assert.Contains("electricity", confidence.GetProperty("unmatchedWords").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task Plan_GoodFit_IsPricedForTheCallersTierWithItsParts()
    {
        var client = await _host.ClientAsync("smallco", tier: "simple");

        using var response = await client.PostAsync(new Uri("/api/plan", UriKind.Relative), Body(new { request = "Analyze Q3 sales and email the executives a PDF report" }));
        var answer = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(answer.GetProperty("confidence").GetProperty("isWeak").GetBoolean());
        var price = answer.GetProperty("price");
        var nodes = answer.GetProperty("workflow").GetProperty("nodes").GetArrayLength();
        Assert.Equal("simple_actions", price.GetProperty("tier").GetString());
        Assert.Equal((nodes, 0m, nodes * 0.01m), (price.GetProperty("toolCalls").GetInt32(), price.GetProperty("runFeeUsd").GetDecimal(), price.GetProperty("toolCallsUsd").GetDecimal()));
        Assert.Equal(price.GetProperty("totalUsd").GetDecimal(), answer.GetProperty("metadata").GetProperty("estimatedCostUsd").GetDecimal());
    }

    [Fact]
    public async Task Plan_NothingFits_AnswersNotPlannedWithTheReason()
    {
        var client = await _host.ClientAsync("acme", role: "viewer");

        using var response = await client.PostAsync(new Uri("/api/plan", UriKind.Relative), Body(new { request = "zzzz qqqq xxxx" }));
        var answer = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(answer.GetProperty("planned").GetBoolean());
        Assert.StartsWith("Nothing fits", answer.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }
}
