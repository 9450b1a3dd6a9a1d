using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tests.Tools.Ai;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Integration;

/// <summary>
/// A tool server's question as a durable human step, on SQLite: answers, refusals, restarts, timeouts, cancellation,
/// sampling and the spend limit (<see cref="NodeInputHost"/> has the hosts; <see cref="PostgresNodeInputTests"/> runs the
/// journal-bound scenarios on PostgreSQL).
/// </summary>
public sealed class NodeInputTests : NodeInputHost
{
    [Theory]
    [InlineData("mrtr/ask_mrtr")]
    [InlineData("legacy/ask_legacy")]
    public async Task AnswerInput_Accepted_ServerGetsTheContentAndTheNodeSucceedsWithIt(string tool) =>
        await AnswerAcceptedAsync(tool);

    [Theory]
    [InlineData("mrtr/ask_mrtr")]
    [InlineData("legacy/ask_legacy")]
    public async Task AnswerInput_Declined_TheServersErrorIsTheNodes(string tool)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var host = await StartHostAsync();
        var runId = await StartAsync(host, tool, timeout.Token);
        await WaitForQuestionAsync(host, runId, timeout.Token);

        await Runs(host).AnswerInputAsync(runId, "greet", new ToolInputAnswer(ToolInputAnswer.Decline), "tester", timeout.Token);
        var result = (await Runs(host).WaitAsync(runId, cancellationToken: timeout.Token))!;

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("the person chose decline", result.Results.Single().Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerInput_ServerEverythingElicitation_TheNodeWaitsAndTheAcceptedContentReachesTheServer()
    {
        // server-everything registers trigger-elicitation-request only for a client that advertises elicitation; before,
        // its question was refused ("Method 'elicitation/create' is not available") and the node reported success.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var host = await StartHostAsync();
        var runId = await StartAsync(host, "everything/trigger-elicitation-request", timeout.Token, "{}");

        var node = (await WaitForQuestionAsync(host, runId, timeout.Token)).Results.Single();
        Assert.Equal("Please provide inputs for the following fields:", node.Input!.Message);
        Assert.True(node.Input.InFlight);
        await Runs(host).AnswerInputAsync(runId, "greet", Accept("""{"name": "Ann Example", "check": true, "integer": 7}"""), "tester", timeout.Token);
        var result = (await Runs(host).WaitAsync(runId, cancellationToken: timeout.Token))!;

        Assert.True(result.Status == RunStatus.Success, JsonSerializer.Serialize(result.Results));
        var output = result.Results.Single().Result!.Value.GetRawText();
        Assert.Contains("Ann Example", output, StringComparison.Ordinal);
        Assert.Contains("Favorite Integer: 7", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerInput_ContentNotFittingTheForm_IsRefusedNamingEachField()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var host = await StartHostAsync();
        var runId = await StartAsync(host, "mrtr/ask_mrtr", timeout.Token);
        await WaitForQuestionAsync(host, runId, timeout.Token);

        var refused = await Assert.ThrowsAsync<InputAnswerException>(async () =>
            await Runs(host).AnswerInputAsync(runId, "greet", Accept("""{"times": "two", "colour": "red"}"""), "tester", timeout.Token));

        Assert.Contains("content.name is required", refused.Problems);
        Assert.Contains(refused.Problems, p => p.StartsWith("content.times must be a whole number", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.StartsWith("content.colour is not a field of the form", StringComparison.Ordinal));
        Assert.Equal(NodeStatus.AwaitingInput, (await Runs(host).GetResultAsync(runId, timeout.Token))!.Results.Single().Status); // still waits
    }

    [Fact]
    public async Task AnswerInput_AfterTheHostRestarted_StillReachesTheServer() =>
        await AnswerAfterRestartAsync();

    [Fact]
    public async Task InFlightQuestion_NobodyAnswers_NodeFailsNamingTheTimeout()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var host = await StartHostAsync(inputTimeoutSeconds: 2);
        var runId = await StartAsync(host, "legacy/ask_legacy", timeout.Token);

        var result = (await Runs(host).WaitAsync(runId, cancellationToken: timeout.Token))!;

        Assert.Equal(RunStatus.Failed, result.Status);
        var error = result.Results.Single().Error!;
        Assert.True(error.Contains("asked for input and did not get it", StringComparison.Ordinal), error);
        Assert.Contains("Execution:InputTimeoutSeconds", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelRun_WhileANodeAwaitsInput_EndsTheWait() =>
        await CancelWhileWaitingAsync();

    [Theory]
    [InlineData("mrtr/summarize")]
    [InlineData("legacy/summarize")]
    public async Task Sampling_WithAModel_TheServerGetsTheModelsAnswerAndItsTokensAreMeteredToTheRun(string tool)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var model = new FakeChatClient(messages => "short version");
        var host = await StartHostAsync(model: model);
        var runId = await StartAsync(host, tool, timeout.Token, """{ "text": "a long text" }""");

        var result = (await Runs(host).WaitAsync(runId, cancellationToken: timeout.Token))!;

        Assert.True(result.Status == RunStatus.Success, JsonSerializer.Serialize(result.Results));
        Assert.Equal("summary: short version", result.Results.Single().Result!.Value.GetString());
        Assert.Single(model.Calls, call => call.Any(m => m.Text.Contains("Summarize: a long text", StringComparison.Ordinal)));
        var sampled = await host.Services.GetRequiredService<IDatabase>().ReadAsync(async connection =>
            await Dapper.SqlMapper.QuerySingleAsync<(long Calls, long Input, long Output)>(connection,
                "SELECT COUNT(*), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0) FROM usage_records " +
                "WHERE run_id = @runId AND node_id = 'greet' AND purpose = 'sampling' AND tenant_id = @tenant",
                new { runId, tenant = TenantId.Default.Value }), timeout.Token);
        Assert.Equal((1L, 120L, 30L), sampled);
    }

    [Theory]
    [InlineData("mrtr/summarize")]
    [InlineData("legacy/summarize")]
    public async Task Sampling_WhenTheTenantsMonthlySpendLimitIsUsedUp_IsRefusedAndTheRunIsSummedUpWithoutTheModel(string tool)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var model = new FakeChatClient(messages => "short version");
        var host = await StartHostAsync(model: model, monthlySpendLimitUsd: 1m);
        await SpendAsync(host, 1.5m, timeout.Token);
        var runId = await StartAsync(host, tool, timeout.Token, """{ "text": "a long text" }""");

        var result = (await Runs(host).WaitAsync(runId, cancellationToken: timeout.Token))!;

        Assert.True(result.Status == RunStatus.Failed, JsonSerializer.Serialize(result.Results));
        Assert.Empty(model.Calls); // neither the server's request nor the run summary reached the model
        Assert.Contains("monthly spend limit", result.Results.Single().Error, StringComparison.Ordinal);
        Assert.Contains("monthly spend limit", result.ExecutionSummary, StringComparison.Ordinal);
        var sampled = await host.Services.GetRequiredService<IDatabase>().ReadAsync(async connection =>
            await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
                "SELECT COUNT(*) FROM usage_records WHERE run_id = @runId AND purpose = 'sampling'", new { runId }), timeout.Token);
        Assert.Equal(0L, sampled);
    }

    [Fact]
    public async Task AiChatNode_WhenTheTenantsMonthlySpendLimitIsUsedUp_FailsWithoutCallingTheModel()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var model = new FakeChatClient(messages => "an answer");
        var host = await StartHostAsync(model: model, monthlySpendLimitUsd: 1m);
        await SpendAsync(host, 1.5m, timeout.Token);
        var runId = await StartAsync(host, "builtin/ai_chat", timeout.Token, """{ "prompt": "Summarise the quarter" }""");

        var result = (await Runs(host).WaitAsync(runId, cancellationToken: timeout.Token))!;

        Assert.True(result.Status == RunStatus.Failed, JsonSerializer.Serialize(result.Results));
        Assert.Empty(model.Calls);
        Assert.Contains("monthly spend limit of $1.00", result.Results.Single().Error, StringComparison.Ordinal);
    }

    /// <summary>Bills the default tenant <paramref name="usd"/> this month, as an earlier run would have.</summary>
    private static async Task SpendAsync(IHost host, decimal usd, CancellationToken cancellationToken) =>
        await host.Services.GetRequiredService<IDatabase>().WriteAsync(async (connection, transaction) =>
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "INSERT INTO billing_records (at, tenant_id, run_id, workflow_id, node_id, kind, tool, tier, cost_micro_usd) " +
                "VALUES (@at, @tenant, 'earlier-run', 'earlier', '', 'workflow_run', NULL, @tier, @micro)",
                new { at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), tenant = TenantId.Default.Value, tier = PricingTiers.Default, micro = (long)(usd * 1_000_000m) },
                transaction), cancellationToken);

    [Theory]
    [InlineData("mrtr/summarize")]
    [InlineData("legacy/summarize")]
    public async Task Sampling_WithoutAModel_IsNotOfferedAndTheNodeFails(string tool)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var host = await StartHostAsync();
        var runId = await StartAsync(host, tool, timeout.Token, """{ "text": "a long text" }""");

        var result = (await Runs(host).WaitAsync(runId, cancellationToken: timeout.Token))!;

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.DoesNotContain("lost its connection", result.Results.Single().Error, StringComparison.Ordinal);
    }
}

/// <summary>The journal-bound human steps on PostgreSQL: the wait and the answer over both protocol revisions, a restart, a cancel.</summary>
[Collection(Infrastructure.PostgresCollection.Name)]
public sealed class PostgresNodeInputTests(Infrastructure.PostgresServer server) : NodeInputHost
{
    private string? _database;

    protected override async Task<IEnumerable<KeyValuePair<string, string?>>> StorageAsync() =>
    [
        new("Studio:Storage", "postgres"),
        new("ConnectionStrings:Studio", _database ??= await server.CreateDatabaseAsync("input")),
    ];

    [Theory]
    [InlineData("mrtr/ask_mrtr")]
    [InlineData("legacy/ask_legacy")]
    public async Task AnswerInput_Accepted_ServerGetsTheContentAndTheNodeSucceedsWithIt(string tool) => await AnswerAcceptedAsync(tool);

    [Fact]
    public async Task AnswerInput_AfterTheHostRestarted_StillReachesTheServer() => await AnswerAfterRestartAsync();

    [Fact]
    public async Task CancelRun_WhileANodeAwaitsInput_EndsTheWait() => await CancelWhileWaitingAsync();
}
