using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowStudio.Engine;
using Microsoft.Extensions.AI;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tests.Tools.Ai;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Tools;
using WorkflowStudio.Tools;

namespace WorkflowStudio.Tests.Integration;

/// <summary>
/// A tool server asks a person for input (MCP elicitation) and the node waits like an approval: over a 2026-07-28
/// session with an <c>input_required</c> result (<c>mrtr</c>, McpTestServer negotiating the newest revision), and over a
/// 2025-11-25 session with <c>elicitation/create</c> while the call stays open (<c>legacy</c>). Real engine hosts on one
/// SQLite folder, real server processes; a host is stopped and a new one started on the same folder for the restart case.
/// </summary>
public sealed class NodeInputTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wfs-input", Guid.NewGuid().ToString("N"));
    private readonly List<IHost> _hosts = [];

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var entry = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(TestServers.StdioEntry())!;
        var legacy = new Dictionary<string, JsonElement>(entry) { ["protocolVersion"] = JsonSerializer.SerializeToElement("2025-11-25") };
        File.WriteAllText(Path.Combine(_folder, "mcp.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["mcpServers"] = new Dictionary<string, object>
            {
                ["mrtr"] = entry, ["legacy"] = legacy,
                ["everything"] = new Dictionary<string, object> { ["command"] = TestServers.EverythingBin, ["args"] = new[] { "stdio" } },
            },
        }));
        return Task.CompletedTask;
    }

    private async Task<IHost> StartHostAsync(double inputTimeoutSeconds = 600, IChatClient? model = null, decimal? monthlySpendLimitUsd = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([
            new("Studio:DataDir", Path.Combine(_folder, "data")),
            new("Studio:McpConfig", Path.Combine(_folder, "mcp.json")),
            new("Execution:InputTimeoutSeconds", inputTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        if (monthlySpendLimitUsd is { } limit)
        {
            builder.Configuration.AddInMemoryCollection([
                new($"Pricing:Tiers:{PricingTiers.Default}:MonthlySpendLimitUsd", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ]);
        }
        if (model is not null)
        {
            builder.Services.AddSingleton(model);
        }
        builder.Services.AddWorkflowStudioEngine(builder.Configuration);
        builder.Services.AddBuiltinTools();
        var host = builder.Build();
        await host.StartAsync();
        _hosts.Add(host);
        return host;
    }

    private async Task StopAsync(IHost host)
    {
        _hosts.Remove(host);
        await host.StopAsync();
        host.Dispose();
    }

    private static TenantRuns Runs(IHost host) => host.Services.GetRequiredService<RunFrontDoor>().For(TenantId.Default);

    private static async Task<string> StartAsync(IHost host, string tool, CancellationToken cancellationToken, string args = """{ "topic": "the launch" }""")
    {
        var loaded = WorkflowJson.Parse($$"""
            { "name": "ask", "nodes": [ { "id": "greet", "tool": "{{tool}}", "args": {{args}} } ] }
            """);
        Assert.True(loaded.Succeeded, string.Join(Environment.NewLine, loaded.Errors));
        return await host.Services.GetRequiredService<IRunCoordinator>()
            .StartAsync(loaded.Workflow!, new Dictionary<string, JsonElement>(), TenantId.Default, cancellationToken: cancellationToken);
    }

    /// <summary>Waits until the node asks, and returns the run as the API shows it then.</summary>
    private static async Task<RunResult> WaitForQuestionAsync(IHost host, string runId, CancellationToken cancellationToken)
    {
        var waiting = (await Runs(host).WaitAsync(runId, RunWaitUntil.FinishedOrAwaitingApproval, cancellationToken: cancellationToken))!;
        Assert.True(waiting.Status == RunStatus.AwaitingInput, $"expected the run to wait for input: {JsonSerializer.Serialize(waiting.Results)} {waiting.Status}");
        return waiting;
    }

    private static ToolInputAnswer Accept(string json) => new(ToolInputAnswer.Accept, TestServers.Json(json));

    [Theory]
    [InlineData("mrtr/ask_mrtr")]
    [InlineData("legacy/ask_legacy")]
    public async Task AnswerInput_Accepted_ServerGetsTheContentAndTheNodeSucceedsWithIt(string tool)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var host = await StartHostAsync();
        var runId = await StartAsync(host, tool, timeout.Token);

        var waiting = await WaitForQuestionAsync(host, runId, timeout.Token);
        var node = waiting.Results.Single();
        Assert.Equal(NodeStatus.AwaitingInput, node.Status);
        Assert.Equal("Who should be greeted about the launch?", node.Input!.Message);
        Assert.Equal("string", node.Input.RequestedSchema.GetProperty("properties").GetProperty("name").GetProperty("type").GetString());
        Assert.Equal(tool.StartsWith("legacy", StringComparison.Ordinal), node.Input.InFlight);

        Assert.True(await Runs(host).AnswerInputAsync(runId, "greet", Accept("""{"name": "Ann", "times": 2}"""), "tester", timeout.Token));
        var result = (await Runs(host).WaitAsync(runId, cancellationToken: timeout.Token))!;

        Assert.True(result.Status == RunStatus.Success, JsonSerializer.Serialize(result.Results));
        Assert.Equal("hello Ann about the launch", result.Results.Single().Result!.Value.GetString());
    }

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
    public async Task AnswerInput_AfterTheHostRestarted_StillReachesTheServer()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var first = await StartHostAsync();
        var runId = await StartAsync(first, "mrtr/ask_mrtr", timeout.Token);
        await WaitForQuestionAsync(first, runId, timeout.Token);
        await StopAsync(first); // the server process goes with it: nothing of the call is held anywhere but the journal

        var second = await StartHostAsync();
        Assert.Equal(RunStatus.AwaitingInput, (await Runs(second).FindAsync(runId, timeout.Token))!.Status);
        await Runs(second).AnswerInputAsync(runId, "greet", Accept("""{"name": "Bo"}"""), "tester", timeout.Token);
        var result = (await Runs(second).WaitAsync(runId, cancellationToken: timeout.Token))!;

        Assert.True(result.Status == RunStatus.Success, JsonSerializer.Serialize(result.Results));
        Assert.Equal("hello Bo about the launch", result.Results.Single().Result!.Value.GetString());
    }

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
    public async Task CancelRun_WhileANodeAwaitsInput_EndsTheWait()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var host = await StartHostAsync();
        var runId = await StartAsync(host, "legacy/ask_legacy", timeout.Token);
        await WaitForQuestionAsync(host, runId, timeout.Token);

        await Runs(host).CancelAsync(runId, "tester", "not needed", timeout.Token);
        var result = (await Runs(host).WaitAsync(runId, cancellationToken: timeout.Token))!;

        Assert.Equal(RunStatus.Cancelled, result.Status);
        await Assert.ThrowsAsync<ApprovalException>(async () =>
            await Runs(host).AnswerInputAsync(runId, "greet", Accept("""{"name": "Ann"}"""), "tester", timeout.Token));
    }

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

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
