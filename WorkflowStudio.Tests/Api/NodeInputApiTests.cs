using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Tests.Tools;
using static WorkflowStudio.Tests.Api.ApiJson;

namespace WorkflowStudio.Tests.Api;

/// <summary>
/// A node whose MCP server asks a person (McpTestServer's <c>ask_mrtr</c>, a 2026-07-28 <c>input_required</c> result)
/// waits in <c>awaiting_input</c> with the question in its result, and <c>POST …/input</c> answers it.
/// </summary>
public sealed class NodeInputApiTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wfs-input-api", Guid.NewGuid().ToString("N"));
    private ApiHost _host = default!;
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var config = Path.Combine(_folder, "mcp.json");
        await File.WriteAllTextAsync(config, $$"""{ "mcpServers": { "mrtr": {{TestServers.StdioEntry()}} } }""");
        _host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Studio:McpConfig"] = config });
        _client = await _host.ClientAsync("acme");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AnswerInput_OverTheApi_QuestionShownThenBadAnswersRefusedAndTheAcceptedOneCompletesTheNode()
    {
        var workflow = new { name = "ask", nodes = new[] { new { id = "greet", tool = "mrtr/ask_mrtr", args = new { topic = "the launch" } } } };
        using var started = await _client.PostAsync(Uri("/api/orchestrate"), Body(new { workflow, mode = "async" }));
        var runId = (await ReadAsync(started)).GetProperty("runId").GetString()!;
        JsonElement node = default;
        await Execution.StoreRuns.UntilAsync(async () =>
        {
            using var run = await _client.GetAsync(Uri($"/api/runs/{runId}"));
            node = (await ReadAsync(run)).GetProperty("results")[0];
            return node.GetProperty("status").GetString() == "awaiting_input";
        }, "the node waits for input");
        var input = node.GetProperty("input");
        Assert.Equal("Who should be greeted about the launch?", input.GetProperty("message").GetString());
        Assert.Equal(["name", "times", "loud"], input.GetProperty("requested_schema").GetProperty("properties").EnumerateObject().Select(p => p.Name));

        using var noAction = await _client.PostAsync(Uri($"/api/runs/{runId}/nodes/greet/input"), Body(new { action = "maybe" }));
        Assert.Equal(HttpStatusCode.BadRequest, noAction.StatusCode);
        Assert.Contains("'action' must be one of accept, decline, cancel (got 'maybe')", (await ReadAsync(noAction)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var misfit = await _client.PostAsync(Uri($"/api/runs/{runId}/nodes/greet/input"), Body(new { action = "accept", content = new { name = 7 } }));
        Assert.Equal(HttpStatusCode.BadRequest, misfit.StatusCode);
        Assert.Equal(["content.name must be a string, got number 7"], (await ReadAsync(misfit)).GetProperty("errors").EnumerateArray().Select(e => e.GetString()));

        var other = await _host.ClientAsync("globex");
        using var foreign = await other.PostAsync(Uri($"/api/runs/{runId}/nodes/greet/input"), Body(new { action = "accept", content = new { name = "Eve" } }));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        using var accepted = await _client.PostAsync(Uri($"/api/runs/{runId}/nodes/greet/input"), Body(new { action = "accept", content = new { name = "Ann" } }));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using var again = await _client.PostAsync(Uri($"/api/runs/{runId}/nodes/greet/input"), Body(new { action = "decline" }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        JsonElement finished = default;
        await Execution.StoreRuns.UntilAsync(async () =>
        {
            using var run = await _client.GetAsync(Uri($"/api/runs/{runId}"));
            finished = await ReadAsync(run);
            return finished.GetProperty("status").GetString() is "success" or "failed";
        }, "the run finishes");
        Assert.Equal("success", finished.GetProperty("status").GetString());
        Assert.Equal("hello Ann about the launch", finished.GetProperty("results")[0].GetProperty("result").GetString());
        var audit = await _host.Services.GetRequiredService<IAuditLog>().ListAsync("acme", 1000);
        Assert.Single(audit, e => e.Action == "node.answer" && e.Target == $"{runId}/greet" && e.Detail == "accept");
    }

    private static Uri Uri(string path) => new(path, UriKind.Relative);
}
