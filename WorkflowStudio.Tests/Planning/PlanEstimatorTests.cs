using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Planning;

/// <summary>Plan metadata from the real SQLite journal's attempts.</summary>
public sealed class PlanEstimatorTests
{
    private static readonly WorkflowDefinition Diamond = WorkflowJson.Parse("""
        { "name": "diamond", "nodes": [
            { "id": "start", "tool": "builtin/db_query", "args": { "sql": "select 1" } },
            { "id": "left", "tool": "builtin/ai_chat", "args": { "prompt": "{{ steps.start.output }}" } },
            { "id": "middle", "tool": "builtin/http_request", "args": { "url": "https://example.com" }, "dependsOn": ["start"], "retry": { "maxAttempts": 3 } },
            { "id": "right", "tool": "builtin/files_list", "args": {}, "dependsOn": ["start"] },
            { "id": "end", "tool": "builtin/email_send", "args": { "to": ["a@example.com"], "subject": "s", "body": "{{ steps.left.output }}" }, "dependsOn": ["middle", "right"] } ] }
        """).Workflow!;

    private static async Task JournalAsync(PlanningHost host, string tool, params long[] durations)
    {
        await using var connection = await host.Database.OpenAsync();
        var run = Guid.NewGuid().ToString("N");
        await connection.ExecuteAsync(
            "INSERT INTO runs (id, workflow_id, workflow_name, definition, inputs, status, created_at) VALUES (@run, 'w', 'w', '{}', '{}', 'success', 0)", new { run });
        for (var i = 0; i < durations.Length; i++)
        {
            await connection.ExecuteAsync(
                "INSERT INTO node_attempts (run_id, node_id, attempt, tool, started_at, finished_at, outcome) VALUES (@run, @node, 1, @tool, @start, @end, 'success')",
                new { run, node = $"n{i}", tool, start = 1000L * i, end = 1000L * i + durations[i] });
        }
        await connection.ExecuteAsync(
            "INSERT INTO node_attempts (run_id, node_id, attempt, tool, started_at, finished_at, outcome) VALUES (@run, 'failed', 1, @tool, 0, 99999, 'timeout')",
            new { run, tool });
    }

    [Fact]
    public async Task EstimateAsync_WithHistory_UsesTheP50OfSuccessfulAttemptsAndTheDefaultElsewhere()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Planning:DefaultToolLatencyMs"] = "1000",
            ["Llm:Model"] = "gpt-test",
            ["Llm:ApiKey"] = "k",
            ["Llm:Prices:gpt-test:InputPerMillion"] = "1",
            ["Llm:Prices:gpt-test:OutputPerMillion"] = "4",
        };
        await using var host = await PlanningHost.StartAsync(new StaticToolCatalog([]), new StaticTemplateCatalog([]), settings);
        await JournalAsync(host, "builtin/db_query", 100, 300, 200);
        await JournalAsync(host, "builtin/ai_chat", 4000, 5000);
        await JournalAsync(host, "builtin/http_request", 50);

        var metadata = await host.Services.GetRequiredService<IPlanEstimator>().EstimateAsync(Diamond);

        Assert.Equal(200, metadata.ToolLatencyMs["builtin/db_query"]);
        Assert.Equal(4500, metadata.ToolLatencyMs["builtin/ai_chat"]);
        Assert.Equal(1000, metadata.ToolLatencyMs["builtin/files_list"]);
        Assert.Equal(["builtin/files_list", "builtin/email_send"], metadata.ToolsWithoutHistory);
        Assert.Equal(["start", "left", "end"], metadata.CriticalPath);
        Assert.Equal(200 + 4500 + 1000, metadata.EstimatedDurationMs);
        Assert.Equal(3, metadata.MaxParallelism);
        Assert.Equal(3, metadata.Depth);
        Assert.Equal(5, metadata.ToolCalls);
        // N + 0.5(W-1) + 0.5(D-1) + 2M + 0.5R = 5 + 1 + 1 + 2 + 0.5
        Assert.Equal(9.5, metadata.ComplexityScore);
        // The default tier (orchestrated): 0.50 + 0.10·(5−1) + 0.25·(3−1) + 0.50·1 model node = 1.90 per run, $0 per call,
        // + the ai_chat node assumed at 1500 input × $1/M + 500 output × $4/M = 0.0035
        Assert.Equal(1.9035m, metadata.EstimatedCostUsd);
        Assert.Equal((1.90m, 5, 0m, 0.0035m, true), (metadata.Price!.RunFeeUsd, metadata.Price.ToolCalls, metadata.Price.ToolCallsUsd,
            metadata.Price.ModelTokensUsd, metadata.Price.TokensAssumed));
        Assert.Equal(["server:builtin", "model:gpt-test"], metadata.ResourceRequirements);
    }

    [Fact]
    public async Task LatencyHistory_OnlyTheLatestSamplesCount()
    {
        await using var host = await PlanningHost.StartAsync(new StaticToolCatalog([]), new StaticTemplateCatalog([]),
            new Dictionary<string, string?> { ["Planning:LatencySamples"] = "2" });
        await JournalAsync(host, "s/t", 10_000, 100, 300);

        var latencies = await host.Services.GetRequiredService<IToolLatencyHistory>().GetMedianLatenciesAsync(["s/t", "s/none"]);

        Assert.Equal(200, latencies["s/t"]);
        Assert.False(latencies.ContainsKey("s/none"));
    }
}
