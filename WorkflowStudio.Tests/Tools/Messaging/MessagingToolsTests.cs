using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WorkflowStudio.Tests.Tools.Http;

namespace WorkflowStudio.Tests.Tools.Messaging;

public sealed class MessagingToolsTests : IAsyncLifetime
{
    private const string BotToken = "123456:SECRET-bot-token";
    private const string ClickUpToken = "pk_SECRET_clickup";
    private FakeHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeHttpServer.StartAsync(app =>
    {
        app.MapPost($"/bot{BotToken}/sendMessage", () => Results.Json(new { ok = true, result = new { message_id = 42 } }));
        app.MapPost("/botWRONG/sendMessage", () => Results.Json(new { ok = false, description = "Unauthorized" }, statusCode: 401));
        app.MapPost("/list/{id}/task", (string id) => Results.Json(new { id = "abc123", name = "Follow up", url = $"https://app.clickup.com/t/abc123?list={id}" }));
        app.MapGet("/list/{id}/task", () => Results.Json(new
        {
            tasks = new object[]
            {
                new { id = "t1", name = "Call Aisha", status = new { status = "in progress" }, priority = new { priority = "high" }, assignees = new[] { new { username = "tom" } }, due_date = "1727913600000", tags = new[] { new { name = "sales" } }, url = "u1" },
                new { id = "t2", name = "Old", status = new { status = "closed" }, priority = (object?)null, assignees = Array.Empty<object>(), due_date = (string?)null, tags = Array.Empty<object>(), url = "u2" },
            },
        }));
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TelegramSend_WithToken_CallsTheBotApi()
    {
        await using var host = ToolHost.Create([new("Tools:Telegram:BaseUrl", _server.BaseUrl), new("Tools:Telegram:BotToken", BotToken)]);

        var output = await host.OkAsync("telegram_send", new { chatId = "@sales", text = "Q3 is up", silent = true });

        Assert.Equal("telegram", output.GetProperty("delivered").GetString());
        Assert.Equal(42, output.GetProperty("messageId").GetInt32());
        var sent = JsonDocument.Parse(Assert.Single(_server.Requests).Body).RootElement;
        Assert.Equal("@sales", sent.GetProperty("chat_id").GetString());
        Assert.Equal("Q3 is up", sent.GetProperty("text").GetString());
        Assert.True(sent.GetProperty("disable_notification").GetBoolean());
        Assert.DoesNotContain(BotToken, output.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TelegramSend_Refused_ReportsTelegramsReason()
    {
        await using var host = ToolHost.Create([new("Tools:Telegram:BaseUrl", _server.BaseUrl), new("Tools:Telegram:BotToken", "WRONG")]);

        var error = await host.ErrorAsync("telegram_send", new { chatId = "1", text = "x" });

        Assert.Contains("Telegram answered 401: Unauthorized", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TelegramSend_Unreachable_ErrorHasNoToken()
    {
        await using var host = ToolHost.Create([new("Tools:Telegram:BaseUrl", "http://127.0.0.1:1"), new("Tools:Telegram:BotToken", BotToken)]);

        var error = await host.ErrorAsync("telegram_send", new { chatId = "1", text = "x" });

        Assert.Contains("could not be reached", error, StringComparison.Ordinal);
        Assert.DoesNotContain(BotToken, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TelegramSend_NoToken_WritesToTheOutbox()
    {
        await using var host = ToolHost.Create();

        var output = await host.OkAsync("telegram_send", new { chatId = "@sales", text = "hello" });

        Assert.Equal("outbox", output.GetProperty("delivered").GetString());
        var saved = JsonDocument.Parse(await File.ReadAllTextAsync(output.GetProperty("file").GetString()!)).RootElement;
        Assert.Equal("hello", saved.GetProperty("text").GetString());
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task TelegramSend_NoChat_SaysHowToFix()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("telegram_send", new { text = "hello" });

        Assert.Contains("Tools:Telegram:DefaultChatId", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClickUpCreateTask_WithToken_PostsTheTaskWithTheToken()
    {
        await using var host = ToolHost.Create([new("Tools:ClickUp:BaseUrl", _server.BaseUrl), new("Tools:ClickUp:ApiToken", ClickUpToken)]);

        var output = await host.OkAsync("clickup_create_task", new { listId = "901", name = "Follow up", priority = 2, dueDate = "2024-10-03", tags = new[] { "sales" } });

        Assert.Equal("clickup", output.GetProperty("delivered").GetString());
        Assert.Equal("abc123", output.GetProperty("id").GetString());
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/list/901/task", request.PathAndQuery);
        Assert.Equal(ClickUpToken, request.Headers["Authorization"]);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(2, body.GetProperty("priority").GetInt32());
        Assert.Equal(1727913600000, body.GetProperty("due_date").GetInt64());
    }

    [Fact]
    public async Task ClickUpListTasks_WithToken_NormalisesAndHidesClosed()
    {
        await using var host = ToolHost.Create([new("Tools:ClickUp:BaseUrl", _server.BaseUrl), new("Tools:ClickUp:ApiToken", ClickUpToken), new("Tools:ClickUp:DefaultListId", "901")]);

        var output = await host.OkAsync("clickup_list_tasks", new { tag = "sales" });

        Assert.Equal("clickup", output.GetProperty("source").GetString());
        var task = Assert.Single(output.GetProperty("tasks").EnumerateArray());
        Assert.Equal("Call Aisha", task.GetProperty("name").GetString());
        Assert.Equal("in progress", task.GetProperty("status").GetString());
        Assert.Equal("high", task.GetProperty("priority").GetString());
        Assert.Equal("tom", task.GetProperty("assignee").GetString());
        Assert.Equal("2024-10-03", task.GetProperty("dueDate").GetString());
    }

    [Fact]
    public async Task ClickUp_NoToken_UsesDemoTasksAndTheOutbox()
    {
        await using var host = ToolHost.Create();

        var listed = await host.OkAsync("clickup_list_tasks", new { tag = "sales" });
        var created = await host.OkAsync("clickup_create_task", new { name = "Review refund" }, idempotencyKey: "run:approval");

        Assert.Equal("demo", listed.GetProperty("source").GetString());
        Assert.Equal(4, listed.GetProperty("count").GetInt32());
        Assert.Equal("outbox", created.GetProperty("delivered").GetString());
        Assert.True(File.Exists(created.GetProperty("file").GetString()));
    }
}
