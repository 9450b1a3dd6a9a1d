using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Web.Mcp;

namespace WorkflowStudio.Tests.Mcp;

/// <summary>Templates as MCP prompts on <c>/mcp</c>, through the C# SDK's client.</summary>
public sealed class McpTemplatePromptsTests : IAsyncLifetime
{
    private ApiHost _host = default!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ListPrompts_ShowsEachTemplateWithItsInputsAsArguments()
    {
        await using var client = await McpTestClient.ConnectAsync(_host, "acme", Engine.Tenancy.TenantRoles.Viewer);

        var prompts = await client.ListPromptsAsync();

        Assert.Equal(new EmbeddedTemplateCatalog().Templates.Select(t => t.Id).Order(StringComparer.Ordinal), prompts.Select(p => p.Name).Order(StringComparer.Ordinal));
        var sales = prompts.Single(p => p.Name == "sales-intelligence").ProtocolPrompt;
        Assert.Equal(["executives", "period", "salesChat", "source"], sales.Arguments!.Select(a => a.Name).Order(StringComparer.Ordinal));
        var period = sales.Arguments!.Single(a => a.Name == "period");
        Assert.NotEqual(true, period.Required); // it has a default
        Assert.Contains("Qn_YYYY", period.Description, StringComparison.Ordinal);
        Assert.Contains("default \"Q3_2024\"", period.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPrompt_WithArguments_AsksToCallRunWorkflowWithThoseInputs()
    {
        await using var client = await McpTestClient.ConnectAsync(_host, "acme");

        var prompt = await client.GetPromptAsync("sales-intelligence",
            new Dictionary<string, object?> { ["period"] = "Q2_2024", ["executives"] = """["cfo@example.com"]""" });

        var message = Assert.Single(prompt.Messages);
        Assert.Equal(Role.User, message.Role);
        var text = Assert.IsType<TextContentBlock>(message.Content).Text;
        Assert.Contains("run_workflow", text, StringComparison.Ordinal);
        // A list input given as JSON text is passed on as the list; the rest keep their defaults, which the message names.
        Assert.Contains("""{"template":"sales-intelligence","inputs":{"period":"Q2_2024","executives":["cfo@example.com"]}}""", text, StringComparison.Ordinal);
        Assert.Contains("salesChat = \"@sales-team\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-template", null, "Unknown prompt 'no-such-template'")]
    [InlineData("parallel-research", "colour", "has no argument 'colour'; its arguments are: topic")]
    public async Task GetPrompt_UnknownPromptOrArgument_IsInvalidParamsSayingWhich(string name, string? argument, string expected)
    {
        await using var client = await McpTestClient.ConnectAsync(_host, "acme");
        var arguments = argument is null ? null : new Dictionary<string, object?> { [argument] = "blue" };

        var error = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.GetPromptAsync(name, arguments));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingRequiredArgument_IsInvalidParamsNamingIt()
    {
        var template = new WorkflowTemplate
        {
            Id = "brief", Title = "Brief", Description = "Writes a brief.",
            Workflow = new WorkflowDefinition
            {
                Name = "brief", Nodes = [],
                Inputs = new Dictionary<string, WorkflowInput> { ["topic"] = new() { Description = "What about" } },
            },
        };

        var error = Assert.Throws<McpProtocolException>(() => McpTemplatePrompts.Render(template, new Dictionary<string, JsonElement>()));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Equal("Prompt 'brief' needs argument 'topic' (What about; string, required).", error.Message);
        Assert.True(McpTemplatePrompts.PromptOf(template).Arguments!.Single().Required);
    }
}
