using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tenancy;
using static WorkflowStudio.Tests.Api.ApiJson;

namespace WorkflowStudio.Tests.Api;

/// <summary>Approve and reject of the same nodes sent at once over the API: one 200 and one 409 naming the winner per node, one audit entry.</summary>
public sealed class ApprovalDecisionApiTests : IAsyncLifetime
{
    private const int Nodes = 12;
    private ApiHost _host = default!;
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync();
        _client = await _host.ClientAsync("acme");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ApproveAndReject_AtOnce_OneAnswers200TheOther409WithTheWinnerAndOnlyTheWinnerIsAudited()
    {
        var ids = Enumerable.Range(0, Nodes).Select(i => $"n{i}").ToArray();
        var workflow = new { name = "gates", nodes = ids.Select(id => new { id, tool = "builtin/echo", args = new { value = id }, approval = "required" }).ToArray() };
        using var started = await _client.PostAsync(Uri("/api/orchestrate"), Body(new { workflow, mode = "async" }));
        var runId = (await ReadAsync(started)).GetProperty("runId").GetString()!;
        await Execution.StoreRuns.UntilAsync(async () =>
        {
            using var run = await _client.GetAsync(Uri($"/api/runs/{runId}"));
            return (await ReadAsync(run)).GetProperty("results").EnumerateArray().All(r => r.GetProperty("status").GetString() == "awaiting_approval");
        }, "every node waits for approval");

        var answers = await Task.WhenAll(ids.Select(async id =>
        {
            var approve = Task.Run(() => _client.PostAsync(Uri($"/api/runs/{runId}/nodes/{id}/approve"), Body(new { })));
            var reject = Task.Run(() => _client.PostAsync(Uri($"/api/runs/{runId}/nodes/{id}/reject"), Body(new { reason = "no" })));
            return (Id: id, Approve: await approve, Reject: await reject);
        }));

        foreach (var (id, approve, reject) in answers)
        {
            Assert.Equal(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }, new[] { approve.StatusCode, reject.StatusCode }.Order());
            var loser = approve.StatusCode == HttpStatusCode.Conflict ? approve : reject;
            var problem = await ReadAsync(loser);
            Assert.Equal(approve.StatusCode == HttpStatusCode.OK ? "approved" : "rejected", problem.GetProperty("decision").GetString());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("decidedBy").GetString()));
            Assert.True(problem.TryGetProperty("decidedAt", out _));
            Assert.Contains(problem.GetProperty("decision").GetString()!, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            approve.Dispose();
            reject.Dispose();
        }
        var audit = await _host.Services.GetRequiredService<IAuditLog>().ListAsync("acme", 1000);
        var decided = audit.Where(e => e.Action is "node.approve" or "node.reject" && e.Target!.StartsWith(runId, StringComparison.Ordinal)).ToArray();
        Assert.Equal(Nodes, decided.Length);
        Assert.All(answers, a => Assert.Single(decided, e => e.Target == $"{runId}/{a.Id}"
            && e.Action == (a.Approve.StatusCode == HttpStatusCode.OK ? "node.approve" : "node.reject")));
    }

    [Fact]
    public async Task Approve_WithArgs_RunsWithThemAndArgsTheToolRefusesAre400WithTheNodeStillWaiting()
    {
        var workflow = new { name = "refund", nodes = new[] { new { id = "refund", tool = "builtin/echo", args = new { value = new { amount = 10 } }, approval = "required" } } };
        using var started = await _client.PostAsync(Uri("/api/orchestrate"), Body(new { workflow, mode = "async" }));
        var runId = (await ReadAsync(started)).GetProperty("runId").GetString()!;
        await Execution.StoreRuns.UntilAsync(async () =>
        {
            using var run = await _client.GetAsync(Uri($"/api/runs/{runId}"));
            return (await ReadAsync(run)).GetProperty("results")[0].GetProperty("status").GetString() == "awaiting_approval";
        }, "the refund waits for approval");

        using var refused = await _client.PostAsync(Uri($"/api/runs/{runId}/nodes/refund/approve"), Body(new { args = new { amount = 25 } }));
        using var rejectWithArgs = await _client.PostAsync(Uri($"/api/runs/{runId}/nodes/refund/reject"), Body(new { reason = "no", args = new { value = 1 } }));
        using var approved = await _client.PostAsync(Uri($"/api/runs/{runId}/nodes/refund/approve"), Body(new { args = new { value = new { amount = 25 } } }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("$.args", (await ReadAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, rejectWithArgs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        await Execution.StoreRuns.UntilAsync(async () =>
        {
            using var run = await _client.GetAsync(Uri($"/api/runs/{runId}"));
            var result = (await ReadAsync(run)).GetProperty("results")[0];
            return result.GetProperty("status").GetString() == "success" && result.GetProperty("result").GetProperty("amount").GetInt32() == 25;
        }, "the refund runs with the edited amount");
    }

    private static Uri Uri(string path) => new(path, UriKind.Relative);
}
