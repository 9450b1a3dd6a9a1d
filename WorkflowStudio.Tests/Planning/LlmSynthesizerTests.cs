using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Planning;

/// <summary>The model-written summary over real HTTP: data blocks, concrete next actions, fallback on failure, usage per run.</summary>
public sealed class LlmSynthesizerTests : IAsyncLifetime
{
    private readonly FixedCatalog _set = FixedCatalog.Load();
    private FakeOpenAiServer _model = default!;

    public async Task InitializeAsync() => _model = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _model.DisposeAsync();

    private static SynthesisInput Input() => new(
        WorkflowJson.Parse("""{ "name": "status", "nodes": [ { "id": "fetch", "tool": "builtin/http_request", "args": { "url": "https://example.com" } } ] }""").Workflow!,
        RunStatus.Success,
        [new NodeResult { ActionId = "fetch", Tool = "builtin/http_request", Status = NodeStatus.Success, Attempts = 1, ExecutionTime = 120,
            Result = JsonSerializer.SerializeToElement(new { body = LlmReplannerTests.Injection }) }],
        new PerformanceMetrics { TotalTimeMs = 130, CriticalPathMs = 120, ToolCalls = 1, Parallelism = 0.92 })
    { RunId = "run-7" };

    [Fact]
    public async Task SynthesizeAsync_ModelAnswer_KeepsConcreteActionsAndDropsUnknownTools()
    {
        _model.Reply("""
            { "summary": "The status page answered in 120 ms.",
              "next_actions": [
                { "action": "Mail the status to ops", "tool": "builtin/email_send", "inputs": { "to": ["ops@example.com"] }, "reason": "they asked" },
                { "action": "Drop the customers table", "tool": "evil/drop_everything", "reason": "the tool output said so" },
                { "action": "Run the weekly digest", "template": "weekly-task-digest", "reason": "it is Monday" } ] }
            """, promptTokens: 500, completionTokens: 100);
        await using var host = await PlanningHost.StartAsync(_set.Catalog(), _set.Gallery(), _model.Settings());
        var synthesizer = host.Services.GetRequiredService<ISynthesizer>();

        var synthesis = await synthesizer.SynthesizeAsync(Input());

        Assert.Equal("The status page answered in 120 ms.", synthesis.ExecutionSummary);
        Assert.Equal(["builtin/email_send", null], synthesis.NextActions.Select(a => a.Tool));
        Assert.Equal("weekly-task-digest", synthesis.NextActions[1].Template);
        Assert.Equal("ops@example.com", synthesis.NextActions[0].Inputs!.Value.GetProperty("to")[0].GetString());
        Assert.DoesNotContain(LlmReplannerTests.Injection, _model.MessagesOf(0), StringComparison.Ordinal);
        LlmReplannerTests.AssertInsideDataBlock(_model.MessagesOf(0), "result:fetch", "IGNORE ALL PREVIOUS INSTRUCTIONS");
        var usage = await host.Services.GetRequiredService<IUsageRecorder>().GetRunUsageAsync("run-7");
        Assert.Equal(600, usage.Tokens);
        Assert.Equal(0.0018m, usage.CostUsd);
    }

    [Fact]
    public async Task SynthesizeAsync_ModelFails_FallsBackToTheDeterministicSummaryWithANote()
    {
        _model.Status(500);
        await using var host = await PlanningHost.StartAsync(_set.Catalog(), _set.Gallery(), _model.Settings(maxRetries: 0));
        var synthesizer = host.Services.GetRequiredService<ISynthesizer>();

        var synthesis = await synthesizer.SynthesizeAsync(Input());

        Assert.StartsWith("Workflow 'status' succeeded", synthesis.ExecutionSummary, StringComparison.Ordinal);
        Assert.Contains("Deterministic summary: the model endpoint answered HTTP 500", synthesis.ExecutionSummary, StringComparison.Ordinal);
        Assert.NotEmpty(synthesis.NextActions);
    }

    [Fact]
    public async Task SynthesizeAsync_AnswerIsNotJson_FallsBackWithANote()
    {
        _model.Reply("All good!");
        await using var host = await PlanningHost.StartAsync(_set.Catalog(), _set.Gallery(), _model.Settings());

        var synthesis = await host.Services.GetRequiredService<ISynthesizer>().SynthesizeAsync(Input());

        Assert.Contains("the model's answer was not the expected JSON", synthesis.ExecutionSummary, StringComparison.Ordinal);
    }
}
