using System.Text.Json;
using Bunit;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Components.Canvas;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Tests.Studio;

public sealed class PropertyPanelTests : IAsyncLifetime
{
    private static readonly ToolDescriptor SearchTool = new()
    {
        Server = "docs",
        Name = "search",
        Description = "Searches the documents",
        InputSchema = JsonDocument.Parse("""
            { "type": "object",
              "properties": {
                "query": { "type": "string", "description": "Words to find" },
                "limit": { "type": "integer" },
                "mode": { "enum": ["fast", "deep"] },
                "exact": { "type": "boolean" } },
              "required": ["query"] }
            """).RootElement.Clone(),
    };

    private static readonly ToolDescriptor MergeTool = new()
    {
        Server = "builtin",
        Name = "merge",
        InputSchema = JsonDocument.Parse("""
            { "type": "object",
              "properties": { "label": { "type": "string" }, "value": {}, "items": { "type": "array" } } }
            """).RootElement.Clone(),
    };

    private readonly BunitContext _context = ComponentTestContext.Create();

    [Fact]
    public void Render_ToolSchema_GeneratesTypedFieldsWithRequiredMarks()
    {
        var panel = Render(new WorkflowNode { Id = "find", Tool = "docs/search" });

        var fields = panel.FindAll("[data-testid=field]").Where(f => f.GetAttribute("data-kind") is not null)
            .ToDictionary(f => f.GetAttribute("data-field")!, f => (Kind: f.GetAttribute("data-kind"), Required: f.GetAttribute("data-required")));
        Assert.Equal(("String", "true"), fields["query"]);
        Assert.Equal(("Integer", "false"), fields["limit"]);
        Assert.Equal(("Enum", "false"), fields["mode"]);
        Assert.Equal(("Boolean", "false"), fields["exact"]);
        // Required fields carry MudBlazor's required mark; enums and booleans are selects, not text boxes.
        Assert.Contains("*", panel.Find("[data-field=query] label").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("*", panel.Find("[data-field=limit] label").TextContent, StringComparison.Ordinal);
        Assert.True(panel.Find("[data-field=query] input").HasAttribute("required"));
        Assert.False(panel.Find("[data-field=limit] input").HasAttribute("required"));
        Assert.Empty(panel.FindAll("[data-field=mode] input[type=text]:not([readonly])"));
        Assert.Contains("Words to find", panel.Find("[data-field=query]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Change_IntegerField_RaisesTheNodeWithTypedArgs()
    {
        WorkflowNode? changed = null;
        var panel = Render(new WorkflowNode { Id = "find", Tool = "docs/search" }, onChange: n => changed = n);

        panel.Find("[data-field=limit] input").Change("25");

        Assert.NotNull(changed);
        Assert.Equal(25, changed.Args!.Value.GetProperty("limit").GetInt32());
    }

    [Fact]
    public void Render_ValidationErrorOnAnArgument_ShowsItOnThatField()
    {
        var node = new WorkflowNode { Id = "find", Tool = "docs/search", Args = JsonSerializer.SerializeToElement(new { limit = "many" }) };
        var workflow = new WorkflowDefinition { Name = "w", Nodes = [node] };
        var validation = new ValidationIndex(workflow,
        [
            new ValidationError("$.nodes[0].args.limit", "expected integer, got string \"many\""),
            new ValidationError("$.nodes[0].args", "missing required property 'query'"),
        ]);

        var panel = Render(node, validation);

        Assert.Contains("expected integer", panel.Find("[data-field=limit]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(panel.FindAll("[data-field=limit] .mud-input-error"));
        Assert.Contains("missing required property 'query'", panel.Find("[data-testid=node-validation-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Change_JoinTypedIntoAnAnyArgument_RaisesAnObjectWhoseValuesAreBindings()
    {
        WorkflowNode? changed = null;
        var panel = Render(new WorkflowNode { Id = "join", Tool = MergeTool.FullName }, onChange: n => changed = n, tool: MergeTool);

        panel.Find("[data-field=value] textarea").Change("""{"a": "{{ steps.echo.output }}", "b": "{{ steps.echo_2.output.n }}"}""");

        Assert.NotNull(changed);
        var value = changed.Args!.Value.GetProperty("value");
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        Assert.Equal("{{ steps.echo.output }}", value.GetProperty("a").GetString());
        Assert.Equal("{{ steps.echo_2.output.n }}", value.GetProperty("b").GetString());
    }

    [Fact]
    public void Change_InvalidJsonInAnArrayArgument_ShowsWhereAndWhat_AndSavesNothing()
    {
        var changes = 0;
        var node = new WorkflowNode { Id = "join", Tool = MergeTool.FullName, Args = JsonSerializer.SerializeToElement(new { items = new[] { 1 } }) };
        var panel = Render(node, onChange: _ => changes++, tool: MergeTool);

        panel.Find("[data-field=items] textarea").Change("[1, 2");

        Assert.Equal(0, changes);
        var field = panel.Find("[data-field=items]");
        Assert.Contains("'items' (array) is not valid JSON: line 1", field.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(panel.FindAll("[data-field=items] .mud-input-error"));
        // Fixing it saves the typed value and the message goes away.
        panel.Find("[data-field=items] textarea").Change("[1, 2]");
        Assert.Equal(1, changes);
        Assert.DoesNotContain("not valid JSON", panel.Find("[data-field=items]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Change_InvalidRawArguments_ShowsTheProblem_AndSavesNothing()
    {
        var changes = 0;
        var panel = Render(new WorkflowNode { Id = "x", Tool = "gone/tool" }, onChange: _ => changes++);

        panel.Find("[data-field=args] textarea").Change("""{"a": """);

        Assert.Equal(0, changes);
        Assert.Contains("not valid JSON: line 1", panel.Find("[data-field=args]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownTool_OffersRawJsonArguments()
    {
        var panel = Render(new WorkflowNode { Id = "x", Tool = "gone/tool" }, tool: null);

        Assert.NotNull(panel.Find("[data-field=args] textarea"));
    }

    private IRenderedComponent<PropertyPanel> Render(
        WorkflowNode node, ValidationIndex? validation = null, Action<WorkflowNode>? onChange = null, ToolDescriptor? tool = null) =>
        _context.Render<PropertyPanel>(p => p
            .Add(c => c.Node, node)
            .Add(c => c.Tool, node.Tool == SearchTool.FullName ? SearchTool : tool)
            .Add(c => c.Validation, validation ?? ValidationIndex.Empty)
            .Add(c => c.Bindings, ["{{ inputs.topic }}"])
            .Add(c => c.OnChange, n => onChange?.Invoke(n)));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
