using System.Diagnostics;
using System.Text.Json;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Mcp;

/// <summary>
/// <c>/mcp</c> driven by the official TypeScript SDK's client (<c>clients/ts-sdk-client.cjs</c>, node), which checks every
/// structured result against the tool's output schema, and prompts and resources against the protocol's schemas, as standard clients do.
/// </summary>
public sealed class TypeScriptClientTests : IAsyncLifetime
{
    private ApiHost _host = default!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RunWorkflow_NodesWithAndWithoutErrors_TheResultMatchesTheOutputSchema()
    {
        var workflow = JsonSerializer.Serialize(new
        {
            workflow = new
            {
                name = "ts-client",
                nodes = new object[]
                {
                    new { id = "say", tool = "builtin/echo", args = new { value = "hello" } },
                    new { id = "missing", tool = "builtin/files_read", args = new { path = "no-such-file.txt" }, continueOnError = true },
                },
            },
        });

        var answer = await CallAsync("run_workflow", workflow);

        Assert.Contains("run_workflow", answer.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        var output = answer.GetProperty("result").GetProperty("structuredContent");
        Assert.Equal("partial_success", output.GetProperty("status").GetString());
        var results = output.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("node").GetString()!);
        Assert.Equal(JsonValueKind.Null, results["say"].GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Null, results["missing"].GetProperty("result").ValueKind);
        Assert.False(string.IsNullOrEmpty(results["missing"].GetProperty("error").GetString()));
    }

    [Fact]
    public async Task RunWorkflow_ListsPromptsAndReadsTheRunThroughItsResourceLink()
    {
        var answer = await CallAsync("run_workflow", JsonSerializer.Serialize(new { template = "parallel-research" }));

        Assert.Contains("parallel-research", answer.GetProperty("prompts").EnumerateArray().Select(p => p.GetString()));
        var runId = answer.GetProperty("result").GetProperty("structuredContent").GetProperty("run_id").GetString();
        var contents = answer.GetProperty("linked").GetProperty("contents")[0];
        Assert.Equal($"workflowstudio://runs/{runId}", contents.GetProperty("uri").GetString());
        using var run = JsonDocument.Parse(contents.GetProperty("text").GetString()!);
        Assert.Equal("success", run.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PlanWorkflow_NothingFits_TheResultMatchesTheOutputSchema()
    {
        var answer = await CallAsync("plan_workflow", JsonSerializer.Serialize(new { request = "zzzz qqqq xxxx" }));

        var output = answer.GetProperty("result").GetProperty("structuredContent");
        Assert.False(output.GetProperty("planned").GetBoolean());
        Assert.Equal(JsonValueKind.Null, output.GetProperty("workflow").ValueKind);
    }

    [Theory]
    [InlineData("Analyze Q3 sales, build an executive report and send it to the team", false, "sales-intelligence")]
    [InlineData("Pay the electricity bill from my bank account", true, "customer-support-refund")]
    public async Task PlanWorkflow_SaysHowSureThePlanIs(string request, bool weak, string matched)
    {
        var answer = await CallAsync("plan_workflow", JsonSerializer.Serialize(new { request }));

        var confidence = answer.GetProperty("result").GetProperty("structuredContent").GetProperty("confidence");
        Assert.Equal(weak, confidence.GetProperty("weak").GetBoolean());
        Assert.Equal(matched, confidence.GetProperty("matched_id").GetString());
    }

    [Fact]
    public async Task Orchestrate_RequestTheClosestTemplateDoesNotFit_IsAnErrorResultAndNothingRuns()
    {
        var answer = await CallAsync("orchestrate", JsonSerializer.Serialize(new { request = "Pay the electricity bill from my bank account" }));

        var result = answer.GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains("not a good fit", result.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> CallAsync(string tool, string arguments)
    {
        var modules = Path.Combine(TestServers.RepositoryRoot, ".tools", "npm", "node_modules");
        Assert.True(Directory.Exists(Path.Combine(modules, "@modelcontextprotocol", "sdk")), $"install the TypeScript SDK with scripts/test (missing in {modules})");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            Path.Combine(TestServers.RepositoryRoot, "WorkflowStudio.Tests", "Mcp", "clients", "ts-sdk-client.cjs"),
            new Uri(_host.Address, "/mcp").ToString(), tool, arguments,
        })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["NODE_PATH"] = modules;
        start.Environment["MCP_API_KEY"] = await _host.KeyAsync("acme");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"the TypeScript client exited {process.ExitCode}:\n{await stderr}");
        using var document = JsonDocument.Parse(await stdout);
        return document.RootElement.Clone();
    }
}
