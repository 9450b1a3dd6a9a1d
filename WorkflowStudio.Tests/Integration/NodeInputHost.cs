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
/// Hosts for the human-step tests: a tool server asks a person for input (MCP elicitation) and the node waits like an
/// approval, over a 2026-07-28 session with an <c>input_required</c> result (<c>mrtr</c>) and over a 2025-11-25 session
/// with <c>elicitation/create</c> while the call stays open (<c>legacy</c>). Real engine hosts on one data folder, real
/// server processes; the scenarios every journal must pass are here, run by each dialect's test class.
/// </summary>
public abstract class NodeInputHost : IAsyncLifetime
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

    protected async Task<IHost> StartHostAsync(double inputTimeoutSeconds = 600, IChatClient? model = null, decimal? monthlySpendLimitUsd = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(await StorageAsync());
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

    /// <summary>Where the hosts of one test keep their journal: the data folder's SQLite database unless a subclass says otherwise.</summary>
    protected virtual Task<IEnumerable<KeyValuePair<string, string?>>> StorageAsync() => Task.FromResult(Enumerable.Empty<KeyValuePair<string, string?>>());

    protected async Task StopAsync(IHost host)
    {
        _hosts.Remove(host);
        await host.StopAsync();
        host.Dispose();
    }

    private protected static TenantRuns Runs(IHost host) => host.Services.GetRequiredService<RunFrontDoor>().For(TenantId.Default);

    protected static async Task<string> StartAsync(IHost host, string tool, CancellationToken cancellationToken, string args = """{ "topic": "the launch" }""")
    {
        var loaded = WorkflowJson.Parse($$"""
            { "name": "ask", "nodes": [ { "id": "greet", "tool": "{{tool}}", "args": {{args}} } ] }
            """);
        Assert.True(loaded.Succeeded, string.Join(Environment.NewLine, loaded.Errors));
        return await host.Services.GetRequiredService<IRunCoordinator>()
            .StartAsync(loaded.Workflow!, new Dictionary<string, JsonElement>(), TenantId.Default, cancellationToken: cancellationToken);
    }

    /// <summary>Waits until the node asks, and returns the run as the API shows it then.</summary>
    protected static async Task<RunResult> WaitForQuestionAsync(IHost host, string runId, CancellationToken cancellationToken)
    {
        var waiting = (await Runs(host).WaitAsync(runId, RunWaitUntil.FinishedOrAwaitingApproval, cancellationToken: cancellationToken))!;
        Assert.True(waiting.Status == RunStatus.AwaitingInput, $"expected the run to wait for input: {JsonSerializer.Serialize(waiting.Results)} {waiting.Status}");
        return waiting;
    }

    protected static ToolInputAnswer Accept(string json) => new(ToolInputAnswer.Accept, TestServers.Json(json));

    protected async Task AnswerAcceptedAsync(string tool)
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
    protected async Task AnswerAfterRestartAsync()
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
    protected async Task CancelWhileWaitingAsync()
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
