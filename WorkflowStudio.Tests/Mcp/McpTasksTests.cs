using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using WorkflowStudio.Tests.Api;

namespace WorkflowStudio.Tests.Mcp;

/// <summary>
/// Long runs as MCP tasks (io.modelcontextprotocol/tasks, SEP-2663) on <c>/mcp</c>, through the C# SDK's real client
/// sending raw JSON-RPC: a client that declares the extension gets a task from run_workflow, reads it with tasks/get and
/// cancels it with tasks/cancel; without the extension the methods are refused and tools answer as before.
/// </summary>
public sealed class McpTasksTests : IAsyncLifetime
{
    private const string Tasks = "io.modelcontextprotocol/tasks";
    private ApiHost _host = default!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<McpClient> ConnectAsync(string tenant, bool declareTasks = true) =>
        await McpTestClient.ConnectAsync(_host, tenant, options: declareTasks
            ? new McpClientOptions { Capabilities = new ClientCapabilities { Extensions = new Dictionary<string, object> { [Tasks] = new JsonObject() } } }
            : null);

    private static async Task<JsonObject> SendAsync(McpClient client, string method, JsonObject parameters, CancellationToken cancellationToken = default)
    {
        var response = await client.SendRequestAsync(new JsonRpcRequest { Method = method, Params = parameters }, cancellationToken);
        return Assert.IsType<JsonObject>(response.Result);
    }

    private static JsonObject RunWorkflow(object workflow) => new()
    {
        ["name"] = "run_workflow",
        ["arguments"] = new JsonObject { ["workflow"] = JsonSerializer.SerializeToNode(workflow) },
    };

    private static readonly object Echo = new { name = "task-echo", nodes = new object[] { new { id = "say", tool = "builtin/echo", args = new { value = "hello" } } } };

    private static async Task<JsonObject> PollAsync(McpClient client, string taskId, Func<string, bool> until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var task = await SendAsync(client, "tasks/get", new JsonObject { ["taskId"] = taskId }, cancellationToken);
            if (until(task["status"]!.GetValue<string>()))
            {
                return task;
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    [Fact]
    public async Task RunWorkflow_WhenTheClientDeclaresTasks_AnswersAFlatTaskThatCompletesWithTheRunsResult()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var client = await ConnectAsync("acme");

        var created = await SendAsync(client, "tools/call", RunWorkflow(Echo), timeout.Token);

        Assert.Equal("task", created["resultType"]!.GetValue<string>());
        var taskId = created["taskId"]!.GetValue<string>();
        Assert.Contains(created["status"]!.GetValue<string>(), new[] { "working", "completed" });
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", created["createdAt"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", created["lastUpdatedAt"]!.GetValue<string>());
        Assert.True(created.ContainsKey("ttlMs"));
        Assert.Equal(1000, created["pollIntervalMs"]!.GetValue<int>());
        Assert.False(created.ContainsKey("content") || created.ContainsKey("result") || created.ContainsKey("task") || created.ContainsKey("_meta"),
            created.ToJsonString());
        Assert.True(client.ServerCapabilities.Extensions?.ContainsKey(Tasks), "the server advertises the extension");

        var done = await PollAsync(client, taskId, status => status != "working", timeout.Token);

        Assert.Equal(("complete", "completed"), (done["resultType"]!.GetValue<string>(), done["status"]!.GetValue<string>()));
        var result = done["result"]!.AsObject();
        Assert.Equal(taskId, result["structuredContent"]!["run_id"]!.GetValue<string>()); // the task is the run
        Assert.Equal("success", result["structuredContent"]!["status"]!.GetValue<string>());
        Assert.NotEmpty(result["content"]!.AsArray());
        Assert.False(result["isError"]?.GetValue<bool>() ?? false);
    }

    [Fact]
    public async Task TaskOfAFailedRun_IsCompletedWithIsError()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var client = await ConnectAsync("acme");
        var failing = new { name = "task-fails", nodes = new object[] { new { id = "read", tool = "builtin/files_read", args = new { path = "no-such-file.txt" } } } };

        var created = await SendAsync(client, "tools/call", RunWorkflow(failing), timeout.Token);
        var done = await PollAsync(client, created["taskId"]!.GetValue<string>(), status => status != "working", timeout.Token);

        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.True(done["result"]!["isError"]!.GetValue<bool>());
        Assert.Equal("failed", done["result"]!["structuredContent"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TasksCancel_ARunningTask_AcknowledgesEmptyAndTheTaskEndsCancelled_AgainTheSameAck()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var client = await ConnectAsync("acme");
        var slow = new { name = "task-slow", nodes = new object[] { new { id = "wait", tool = "builtin/delay", args = new { milliseconds = 60_000 } } } };
        var taskId = (await SendAsync(client, "tools/call", RunWorkflow(slow), timeout.Token))["taskId"]!.GetValue<string>();

        var ack = await SendAsync(client, "tasks/cancel", new JsonObject { ["taskId"] = taskId }, timeout.Token);
        var cancelled = await PollAsync(client, taskId, status => status != "working", timeout.Token);
        var again = await SendAsync(client, "tasks/cancel", new JsonObject { ["taskId"] = taskId }, timeout.Token);

        Assert.All(new[] { ack, again }, a =>
        {
            Assert.Equal("complete", a["resultType"]!.GetValue<string>());
            Assert.DoesNotContain(a, p => p.Key is "taskId" or "status" or "result" or "error" or "inputRequests"); // an ack, not a task
        });
        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.False(cancelled.ContainsKey("result"));
    }

    [Fact]
    public async Task TasksGet_AnotherTenantsTaskOrAnUnknownId_IsInvalidParams()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var acme = await ConnectAsync("acme");
        await using var globex = await ConnectAsync("globex");
        var taskId = (await SendAsync(acme, "tools/call", RunWorkflow(Echo), timeout.Token))["taskId"]!.GetValue<string>();

        var foreign = await Assert.ThrowsAsync<McpProtocolException>(() => SendAsync(globex, "tasks/get", new JsonObject { ["taskId"] = taskId }, timeout.Token));
        var unknown = await Assert.ThrowsAsync<McpProtocolException>(() => SendAsync(acme, "tasks/get", new JsonObject { ["taskId"] = "no-such-task" }, timeout.Token));
        var cancelForeign = await Assert.ThrowsAsync<McpProtocolException>(() => SendAsync(globex, "tasks/cancel", new JsonObject { ["taskId"] = taskId }, timeout.Token));

        Assert.All(new[] { foreign, unknown, cancelForeign }, e => Assert.Equal(McpErrorCode.InvalidParams, e.ErrorCode));
        Assert.Contains("no-such-task", unknown.Message, StringComparison.Ordinal);
        Assert.NotEqual("cancelled", (await PollAsync(acme, taskId, status => status != "working", timeout.Token))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutTheExtension_TaskMethodsAreRefusedWith32021_AndToolsAnswerTheResult()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var client = await ConnectAsync("acme", declareTasks: false);

        // The SDK's HTTP transport answers this error with status 400 and the JSON-RPC error as the body; its client then
        // throws the HTTP error with that body rather than the protocol error.
        var refused = await Record.ExceptionAsync(() => SendAsync(client, "tasks/get", new JsonObject { ["taskId"] = "x" }, timeout.Token));
        var answered = await SendAsync(client, "tools/call", RunWorkflow(Echo), timeout.Token);

        Assert.True(refused is McpProtocolException { ErrorCode: McpErrorCode.MissingRequiredClientCapability }
            || refused?.Message.Contains("\"code\":-32021", StringComparison.Ordinal) == true, refused?.ToString());
        Assert.Contains(Tasks, refused!.Message, StringComparison.Ordinal);
        Assert.NotEqual("task", answered["resultType"]?.GetValue<string>());
        Assert.Equal("success", answered["structuredContent"]!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("tasks/result")]
    [InlineData("tasks/list")]
    public async Task MethodsRemovedBySep2663_AreMethodNotFound(string method)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var client = await ConnectAsync("acme");

        var refused = await Record.ExceptionAsync(() => SendAsync(client, method, new JsonObject { ["taskId"] = "x" }, timeout.Token));

        Assert.True(refused is McpProtocolException { ErrorCode: McpErrorCode.MethodNotFound }
            || refused?.Message.Contains("\"code\":-32601", StringComparison.Ordinal) == true, refused?.ToString());
    }

    [Fact]
    public async Task TasksUpdate_IsRefusedSayingWhereHumanStepsAreAnswered()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var client = await ConnectAsync("acme");
        var taskId = (await SendAsync(client, "tools/call", RunWorkflow(Echo), timeout.Token))["taskId"]!.GetValue<string>();

        var refused = await Assert.ThrowsAsync<McpProtocolException>(() =>
            SendAsync(client, "tasks/update", new JsonObject { ["taskId"] = taskId, ["inputResponses"] = new JsonObject() }, timeout.Token));

        Assert.Equal(McpErrorCode.InvalidParams, refused.ErrorCode);
        Assert.Contains("approve_node", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolsCall_WithTheExtensionInTheRequestsMetaOnly_CreatesATask()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var client = await ConnectAsync("acme", declareTasks: false);
        var call = RunWorkflow(Echo);
        call["_meta"] = new JsonObject { ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject { ["extensions"] = new JsonObject { [Tasks] = new JsonObject() } } };

        var created = await SendAsync(client, "tools/call", call, timeout.Token);

        Assert.Equal("task", created["resultType"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(created["taskId"]!.GetValue<string>()));
    }
}
