using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Tests.Tools;
using WorkflowStudio.Web.Components.Canvas;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The input panel against a real engine and McpTestServer's <c>ask_mrtr</c>: the server's form, answered from the page.</summary>
public sealed class InputPanelTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wfs-input-panel", Guid.NewGuid().ToString("N"));
    private BunitContext _context = default!;
    private ApiHost _engine = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var config = Path.Combine(_folder, "mcp.json");
        await File.WriteAllTextAsync(config, $$"""{ "mcpServers": { "mrtr": {{TestServers.StdioEntry()}} } }""");
        _engine = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Studio:McpConfig"] = config });
        _context = ComponentTestContext.ForStudio(_engine.Services);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _engine.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Send_FormFilledIn_TheServerGetsTheAnswerAndTheStepSucceeds()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var coordinator = _engine.Services.GetRequiredService<IRunCoordinator>();
        var loaded = WorkflowJson.Parse("""{ "name": "ask", "nodes": [ { "id": "greet", "tool": "mrtr/ask_mrtr", "args": { "topic": "the page" } } ] }""");
        var runId = await coordinator.StartAsync(loaded.Workflow!, new Dictionary<string, JsonElement>(), TenantId.Default, cancellationToken: timeout.Token);
        var waiting = PendingInput.Of(await coordinator.WaitAsync(runId, RunWaitUntil.FinishedOrAwaitingApproval, cancellationToken: timeout.Token));

        var panel = _context.Render<InputPanel>(p => p.Add(c => c.RunId, runId).Add(c => c.Waiting, waiting));

        Assert.Equal("Who should be greeted about the page?", panel.Find("[data-node-id=greet] [data-testid=input-message]").TextContent);
        Assert.Equal(["name", "times", "loud"], panel.FindAll("[data-testid=input-field]").Select(f => f.GetAttribute("data-field")));
        Assert.Single(panel.FindAll("[data-field=loud] input[type=checkbox]"));
        await panel.Find("[data-testid=input-accept]").ClickAsync(new()); // nothing filled in: the required name is missing
        Assert.Contains("content.name is required", panel.Find("[data-testid=input-error]").TextContent, StringComparison.Ordinal);

        panel.Find("[data-field=name] input").Input("Dee");
        panel.Find("[data-field=times] input").Input("3");
        await panel.Find("[data-testid=input-accept]").ClickAsync(new());

        var result = await coordinator.WaitAsync(runId, cancellationToken: timeout.Token);
        Assert.True(result.Status == RunStatus.Success, JsonSerializer.Serialize(result.Results));
        Assert.Equal("hello Dee about the page", result.Results.Single().Result!.Value.GetString());
        Assert.Empty(panel.FindAll("[data-testid=input-error]"));
    }
}
