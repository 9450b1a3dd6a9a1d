using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Cli;

/// <summary>
/// <c>studio answer</c> against a node waiting in <c>awaiting_input</c> (McpTestServer's <c>ask_mrtr</c>) on the same data
/// dir while no engine runs: the answer is journaled, and the next engine on that folder completes the node with it.
/// </summary>
public sealed class AnswerVerbTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wfs-answer", Guid.NewGuid().ToString("N"));
    private string DataDir => Path.Combine(_folder, "data");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "mcp.json"), $$"""{ "mcpServers": { "mrtr": {{TestServers.StdioEntry()}} } }""");
        return Task.CompletedTask;
    }

    private async Task<IHost> StartHostAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([
            new("Studio:DataDir", DataDir),
            new("Studio:McpConfig", Path.Combine(_folder, "mcp.json")),
            new("Execution:QueuedGraceSeconds", "1"),
            new("Execution:RecoveryIntervalSeconds", "0.5"),
        ]);
        builder.Services.AddWorkflowStudioEngine(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    [Fact]
    public async Task Answer_WhileTheNodeWaits_RefusesMisfitsWithExitTwoThenJournalsTheAnswerAndTheNextEngineCompletesIt()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        string runId;
        using (var first = await StartHostAsync())
        {
            var loaded = WorkflowJson.Parse("""{ "name": "ask", "nodes": [ { "id": "greet", "tool": "mrtr/ask_mrtr", "args": { "topic": "cli" } } ] }""");
            runId = await first.Services.GetRequiredService<IRunCoordinator>()
                .StartAsync(loaded.Workflow!, new Dictionary<string, JsonElement>(), TenantId.Default, cancellationToken: timeout.Token);
            var waiting = await first.Services.GetRequiredService<IRunCoordinator>().WaitAsync(runId, RunWaitUntil.FinishedOrAwaitingApproval, cancellationToken: timeout.Token);
            Assert.Equal(RunStatus.AwaitingInput, waiting.Status);
            await first.StopAsync(timeout.Token);
        }

        var misfit = await StudioProcess.RunAsync(_folder, "answer", runId, "greet", "--accept", """{"loud": "yes"}""", "--data-dir", DataDir);
        var usage = await StudioProcess.RunAsync(_folder, "answer", runId, "greet", "--decline", "--cancel", "--data-dir", DataDir);
        var accepted = await StudioProcess.RunAsync(_folder, "answer", runId, "greet", "--accept", """{"name": "Cy"}""", "--by", "carol", "--data-dir", DataDir);
        var late = await StudioProcess.RunAsync(_folder, "answer", runId, "greet", "--decline", "--data-dir", DataDir);

        Assert.True(misfit.ExitCode == 2, misfit.ToString());
        Assert.Contains("content.name is required; content.loud must be true or false, got the string \"yes\"", misfit.Stderr, StringComparison.Ordinal);
        Assert.True(usage.ExitCode == 2, usage.ToString());
        Assert.Contains("exactly one of --accept", usage.Stderr, StringComparison.Ordinal);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.True(late.ExitCode == 3, late.ToString());
        Assert.Contains($"node 'greet' of run {runId} is not waiting for input (it is queued: answered already", late.Stderr, StringComparison.Ordinal);

        using var second = await StartHostAsync();
        var result = await second.Services.GetRequiredService<RunFrontDoor>().For(TenantId.Default).WaitAsync(runId, cancellationToken: timeout.Token);
        Assert.True(result!.Status == RunStatus.Success, JsonSerializer.Serialize(result.Results));
        Assert.Equal("hello Cy about cli", result.Results.Single().Result!.Value.GetString());
        await second.StopAsync(timeout.Token);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
