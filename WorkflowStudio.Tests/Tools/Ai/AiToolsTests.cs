using Dapper;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tools.Ai;

namespace WorkflowStudio.Tests.Tools.Ai;

public sealed class AiToolsTests
{
    [Fact]
    public async Task AiChat_NoModel_FailsSayingHowToConfigure()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("ai_chat", new { prompt = "Summarise" });

        Assert.Contains("no language model is configured: set Llm:Endpoint and Llm:Model", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AiChat_WithModel_ReturnsTextAndUsage_DataDelimited()
    {
        var model = new FakeChatClient(_ => "Revenue grew.");
        await using var host = ToolHost.Create(configure: s => s.AddSingleton<IChatClient>(model));

        var output = await host.OkAsync("ai_chat", new { prompt = "Summarise", data = new { revenue = 714750 } });

        Assert.Equal("Revenue grew.", output.GetProperty("text").GetString());
        Assert.Equal("fake-model", output.GetProperty("model").GetString());
        Assert.Equal(150, output.GetProperty("usage").GetProperty("totalTokens").GetInt32());
        var sent = Assert.Single(model.Calls);
        Assert.Equal("<data>\n{\"revenue\":714750}\n</data>", sent[1].Text);
        Assert.Equal("Summarise", sent[2].Text);
    }

    [Fact]
    public async Task AiChat_InARunNode_MetersItsTokensAgainstTheRunAndNode()
    {
        await using var host = ToolHost.Create(configure: s => s
            .AddSingleton<IChatClient>(new FakeChatClient(_ => "ok"))
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(new WorkflowStudio.Engine.Planning.LlmOptions()))
            .AddSingleton<WorkflowStudio.Engine.Metering.IModelPriceTable, WorkflowStudio.Engine.Planning.ModelPriceTable>()
            .AddSingleton<WorkflowStudio.Engine.Metering.IUsageRecorder, WorkflowStudio.Engine.Metering.UsageRecorder>());
        await WorkflowStudio.Engine.Persistence.DatabaseMigrator.MigrateAsync(host.Services.GetRequiredService<WorkflowStudio.Engine.Persistence.IDatabase>());

        await host.OkAsync("ai_chat", new { prompt = "Summarise" }, idempotencyKey: "run42:analysis", tenant: "acme");

        var usage = await host.Services.GetRequiredService<WorkflowStudio.Engine.Metering.IUsageRecorder>().GetRunUsageAsync("run42");
        Assert.Equal(1, usage.Calls);
        Assert.Equal(150, usage.Tokens);
        await using var connection = await host.Services.GetRequiredService<WorkflowStudio.Engine.Persistence.IDatabase>().OpenAsync();
        Assert.Equal("acme", await connection.ExecuteScalarAsync<string>("SELECT tenant_id FROM usage_records WHERE run_id = 'run42'"));
    }

    [Fact]
    public async Task AiChat_JsonFormat_ParsesTheAnswer()
    {
        await using var host = ToolHost.Create(configure: s => s.AddSingleton<IChatClient>(new FakeChatClient(_ => "{\"risk\": \"low\"}")));

        var output = await host.OkAsync("ai_chat", new { prompt = "Rate", format = "json" });

        Assert.Equal("low", output.GetProperty("json").GetProperty("risk").GetString());
    }

    [Theory]
    [InlineData("I was charged twice! This is unacceptable, refund it immediately.", "negative", "urgent")]
    [InlineData("Thanks, the new export works great and support was very helpful.", "positive", "low")]
    [InlineData("Could you send me the invoice for September?", "neutral", "normal")]
    [InlineData("The dashboard is not bad at all.", "positive", "low")]
    public async Task Sentiment_Lexicon_ScoresToneAndPriority(string text, string label, string priority)
    {
        await using var host = ToolHost.Create();

        var output = await host.OkAsync("sentiment", new { text });

        Assert.Equal(label, output.GetProperty("label").GetString());
        Assert.Equal(priority, output.GetProperty("priority").GetString());
        Assert.Equal("lexicon", output.GetProperty("method").GetString());
    }

    [Fact]
    public async Task Sentiment_WithModel_UsesItsScore()
    {
        await using var host = ToolHost.Create(configure: s => s.AddSingleton<IChatClient>(new FakeChatClient(_ => "{\"score\": -0.9}")));

        var output = await host.OkAsync("sentiment", new { text = "Great, another outage." });

        Assert.Equal("model", output.GetProperty("method").GetString());
        Assert.Equal("negative", output.GetProperty("label").GetString());
    }

    [Fact]
    public async Task ScheduleFollowup_SchedulesAJob_ThatWritesTheReminderWhenDue()
    {
        var storage = new InMemoryStorage();
        await using var host = ToolHost.Create(configure: s => s
            .AddSingleton<JobStorage>(storage)
            .AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(storage)));

        var output = await host.OkAsync("schedule_followup", new { message = "Check in with Maria", delayHours = 24 }, idempotencyKey: "run1:followup");
        var again = await host.OkAsync("schedule_followup", new { message = "Check in with Maria", delayHours = 24 }, idempotencyKey: "run1:followup");

        var id = output.GetProperty("followupId").GetString()!;
        Assert.Equal(id, again.GetProperty("followupId").GetString());
        Assert.Equal("2024-10-02T09:00:00.0000000+00:00", output.GetProperty("dueAt").GetString());
        var scheduled = storage.GetMonitoringApi().ScheduledJobs(0, 10);
        Assert.Equal(output.GetProperty("jobId").GetString(), Assert.Single(scheduled).Key);

        await new FollowupJob(host.Services).ExecuteAsync(id, CancellationToken.None);

        var reminder = await host.OkAsync("memory_get", new { @namespace = "followups", key = id });
        Assert.Equal("Check in with Maria", reminder.GetProperty("value").GetProperty("message").GetString());
        await using var connection = await host.Services.GetRequiredService<SqliteDatabase>().OpenAsync();
        Assert.Equal("sent", await connection.ExecuteScalarAsync<string>("SELECT status FROM tool_followups WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task ScheduleFollowup_WithoutAScheduler_SaysItNeedsTheEngine()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("schedule_followup", new { message = "x" });

        Assert.Contains("no background job scheduler", error, StringComparison.Ordinal);
    }
}
