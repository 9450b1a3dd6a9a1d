using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static WorkflowStudio.Tests.TenantEscape.EscapeStudio;

namespace WorkflowStudio.Tests.TenantEscape;

public abstract partial class TenantEscapeTests
{
    /// <summary>
    /// Every tool of the studio's MCP server, with the arguments the attacker calls it with. <see cref="McpEscapeCase.MustFail"/>
    /// calls name the victim's ids and must be errors; every answer must show nothing of the victim's besides the ids asked for.
    /// </summary>
    private static readonly Dictionary<string, McpEscapeCase> McpTools = new(StringComparer.Ordinal)
    {
        ["get_run"] = new("the victim's finished and waiting runs", s =>
            [new() { ["runId"] = s.FinishedRunId }, new() { ["runId"] = s.WaitingRunId }], MustFail: true),
        ["approve_node"] = new("approves and rejects the victim's waiting node", s =>
            [new() { ["runId"] = s.WaitingRunId, ["nodeId"] = s.WaitingNodeId }, new() { ["runId"] = s.WaitingRunId, ["nodeId"] = s.WaitingNodeId, ["approve"] = false }],
            MustFail: true),
        ["run_workflow"] = new("the victim's saved workflow by id (waiting and not)", s =>
            [new() { ["workflowId"] = s.WorkflowId }, new() { ["workflowId"] = s.WorkflowId, ["wait"] = false }], MustFail: true),
        ["orchestrate"] = new("a request naming the victim's file and run: planned and run in the attacker's tenant", s =>
            [new() { ["request"] = $"read the file ../{VictimTenant}/{SecretFile} and the run {s.FinishedRunId}" }]),
        ["plan_workflow"] = new("a request naming the victim's workflow: planned from the attacker's tools", s =>
            [new() { ["request"] = $"run workflow {s.WorkflowId} and read memory {SecretMemoryKey}" }]),
        ["list_templates"] = new("the built-in gallery; no tenant data", _ => [new()]),
    };

    [Fact]
    public async Task McpServer_EveryTool_HasAnEscapeCase()
    {
        await using var client = await McpAsync(Studio.Attacker.EditorKey);

        var tools = (await client.ListToolsAsync()).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        var missing = tools.Where(t => !McpTools.ContainsKey(t)).Order(StringComparer.Ordinal).ToList();
        var stale = McpTools.Keys.Where(t => !tools.Contains(t)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "MCP tools without a tenant-escape case; add each to TenantEscapeTests.McpTools:\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "TenantEscapeTests.McpTools lists tools the server no longer has; remove them:\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task McpTools_WithTheAttackersKey_ReachNothingOfTheVictims()
    {
        var before = await VictimSnapshot.TakeAsync(Studio);
        await using var client = await McpAsync(Studio.Attacker.EditorKey);
        var escaped = new List<string>();

        foreach (var (tool, escape) in McpTools)
        {
            foreach (var arguments in escape.Calls(Studio))
            {
                string answer;
                bool failed;
                try
                {
                    var result = await client.CallToolAsync(tool, arguments);
                    failed = result.IsError == true;
                    answer = JsonSerializer.Serialize(result);
                }
                catch (McpException exception)
                {
                    failed = true;
                    answer = exception.Message;
                }
                var asked = JsonSerializer.Serialize(arguments);
                foreach (var id in Studio.Forbidden.Where(f => asked.Contains(f, StringComparison.Ordinal)))
                {
                    answer = answer.Replace(id, "(asked)", StringComparison.Ordinal);
                }
                if (escape.MustFail && !failed || Studio.Forbidden.Any(f => answer.Contains(f, StringComparison.Ordinal)))
                {
                    escaped.Add($"{tool} {asked} ({escape.Why}) → {answer}");
                }
            }
        }

        Assert.True(escaped.Count == 0, "MCP calls that reached the victim's data:\n" + string.Join("\n\n", escaped));
        Assert.Equal(before, await VictimSnapshot.TakeAsync(Studio));
    }

    [Fact]
    public async Task McpResourcesPromptsAndCompletion_WithTheAttackersKey_ShowNothingOfTheVictims()
    {
        await using var client = await McpAsync(Studio.Attacker.EditorKey);
        string[] victims =
        [
            $"workflowstudio://runs/{Studio.FinishedRunId}", $"workflowstudio://runs/{Studio.WaitingRunId}",
            $"workflowstudio://runs/{Studio.FinishedRunId}/artefacts/{SecretFile}", $"workflowstudio://workflows/{Studio.WorkflowId}",
        ];
        var leaked = new List<string>();

        foreach (var uri in victims)
        {
            var refused = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.ReadResourceAsync(uri));
            Assert.Equal((McpErrorCode.InvalidParams, uri), (refused.ErrorCode, refused.Data["uri"] as string));
        }
        var answers = new Dictionary<string, object>
        {
            ["resources/list"] = await client.ListResourcesAsync(new ListResourcesRequestParams()),
            ["tools/list"] = await client.ListToolsAsync(new ListToolsRequestParams()),
            ["prompts/list"] = await client.ListPromptsAsync(new ListPromptsRequestParams()),
            ["runId"] = await client.CompleteAsync(new ResourceTemplateReference { Uri = "workflowstudio://runs/{runId}" }, "runId", ""),
            ["path"] = await client.CompleteAsync(new CompleteRequestParams
            {
                Ref = new ResourceTemplateReference { Uri = "workflowstudio://runs/{runId}/artefacts/{+path}" },
                Argument = new Argument { Name = "path", Value = "" },
                Context = new CompleteContext { Arguments = new Dictionary<string, string> { ["runId"] = Studio.FinishedRunId } },
            }),
            ["workflowId"] = await client.CompleteAsync(new ResourceTemplateReference { Uri = "workflowstudio://workflows/{workflowId}" }, "workflowId", ""),
        };
        foreach (var (what, answer) in answers)
        {
            var text = JsonSerializer.Serialize(answer, McpJsonUtilities.DefaultOptions);
            var path = what == "path" ? text.Replace(Studio.FinishedRunId, "(asked)", StringComparison.Ordinal) : text;
            if (Studio.Forbidden.Any(f => path.Contains(f, StringComparison.Ordinal)) || path.Contains(SecretFile, StringComparison.Ordinal))
            {
                leaked.Add($"{what} → {text}");
            }
        }

        Assert.True(leaked.Count == 0, "MCP answers that show the victim's data:\n" + string.Join("\n\n", leaked));
    }

    private async Task<McpClient> McpAsync(string key) => await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
    {
        Endpoint = new Uri(Studio.Host.Address, "/mcp"),
        TransportMode = HttpTransportMode.StreamableHttp,
        AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
    }));
}
