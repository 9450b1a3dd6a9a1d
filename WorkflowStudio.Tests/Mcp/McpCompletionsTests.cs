using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using WorkflowStudio.Tests.Api;

namespace WorkflowStudio.Tests.Mcp;

/// <summary>completion/complete on <c>/mcp</c>: template inputs, run ids and workflow ids of the caller's tenant.</summary>
public sealed class McpCompletionsTests : IAsyncLifetime
{
    private ApiHost _host = default!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("work", new[] { "workflow orchestration" })]
    [InlineData("WORK", new[] { "workflow orchestration" })]
    [InlineData("zzz", new string[0])]
    public async Task Complete_TemplateInput_OffersTheValueTheTemplateNames(string typed, string[] expected)
    {
        await using var client = await McpTestClient.ConnectAsync(_host, "acme");

        var result = await client.CompleteAsync(new PromptReference { Name = "parallel-research" }, "topic", typed);

        Assert.Equal(expected, result.Completion.Values);
    }

    [Fact]
    public async Task Complete_RunId_OffersTheTenantsRunsStartingWithWhatWasTyped()
    {
        await using var acme = await McpTestClient.ConnectAsync(_host, "acme");
        await using var globex = await McpTestClient.ConnectAsync(_host, "globex");
        var own = await RunAsync(acme);
        var foreign = await RunAsync(globex);

        var all = await acme.CompleteAsync(new ResourceTemplateReference { Uri = "workflowstudio://runs/{runId}" }, "runId", "");
        var prefixed = await acme.CompleteAsync(new ResourceTemplateReference { Uri = "workflowstudio://runs/{runId}/artefacts/{+path}" }, "runId", own[..6]);

        Assert.Contains(own, all.Completion.Values);
        Assert.DoesNotContain(foreign, all.Completion.Values);
        Assert.Contains(own, prefixed.Completion.Values);
        Assert.All(prefixed.Completion.Values, v => Assert.StartsWith(own[..6], v, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Complete_WorkflowId_OffersTheTenantsSavedWorkflows()
    {
        using var acme = await _host.ClientAsync("acme");
        using var globex = await _host.ClientAsync("globex");
        var own = await SaveAsync(acme);
        var foreign = await SaveAsync(globex);
        await using var client = await McpTestClient.ConnectAsync(_host, "acme");
        var template = new ResourceTemplateReference { Uri = "workflowstudio://workflows/{workflowId}" };

        var all = await client.CompleteAsync(template, "workflowId", "");
        var prefixed = await client.CompleteAsync(template, "workflowId", own[..8]);
        var none = await client.CompleteAsync(template, "workflowId", foreign);

        Assert.Equal([own], all.Completion.Values);
        Assert.Equal([own], prefixed.Completion.Values);
        Assert.Empty(none.Completion.Values);
    }

    [Theory]
    [InlineData("ref/prompt", "no-such-template", "topic", "Unknown prompt 'no-such-template'")]
    [InlineData("ref/prompt", "parallel-research", "colour", "has no argument 'colour'")]
    [InlineData("ref/resource", "workflowstudio://runs/{runId}", "colour", "has no argument 'colour' to complete")]
    public async Task Complete_UnknownPromptOrArgument_IsInvalidParams(string kind, string name, string argument, string expected)
    {
        await using var client = await McpTestClient.ConnectAsync(_host, "acme");
        Reference reference = kind == "ref/prompt" ? new PromptReference { Name = name } : new ResourceTemplateReference { Uri = name };

        var error = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.CompleteAsync(reference, argument, ""));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> SaveAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("/api/workflows", UriKind.Relative), ApiJson.Body(ApiJson.Echo("saved")));
        return (await ApiJson.ReadAsync(response.EnsureSuccessStatusCode())).GetProperty("id").GetString()!;
    }

    private static async Task<string> RunAsync(ModelContextProtocol.Client.McpClient client)
    {
        var run = await client.CallToolAsync("run_workflow", new Dictionary<string, object?> { ["template"] = "parallel-research" });
        return run.StructuredContent!.Value.GetProperty("run_id").GetString()!;
    }
}
