using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Tools;

public sealed class BuiltinToolDescriptorsTests
{
    public static TheoryData<string, bool?, bool?, bool?, bool?> Annotations => new()
    {
        // name, readOnly, destructive, idempotent, openWorld
        { "http_get", true, false, true, true },
        { "http_request", false, true, false, true },
        { "email_send", false, false, false, true },
        { "telegram_send", false, false, false, true },
        { "clickup_create_task", false, false, false, true },
        { "clickup_list_tasks", true, false, true, true },
        { "db_query", true, false, true, false },
        { "db_execute", false, true, false, false },
        { "memory_put", false, false, true, false },
        { "memory_get", true, false, true, false },
        { "memory_search", true, false, true, false },
        { "vector_upsert", false, false, true, false },
        { "vector_search", true, false, true, false },
        { "files_read", true, false, true, false },
        { "files_write", false, true, true, false },
        { "files_list", true, false, true, false },
        { "data_query", true, false, true, false },
        { "chart_render", false, false, true, false },
        { "report_pdf", false, false, true, false },
        { "template_render", false, false, true, false },
        { "seo_check", true, false, true, false },
        { "ai_chat", true, false, false, true },
        { "sentiment", true, false, true, false },
        { "schedule_followup", false, false, true, false },
        { "openapi_import", false, false, true, true },
    };

    [Theory]
    [MemberData(nameof(Annotations))]
    public async Task Tool_HasSchemasAndHonestAnnotations(string name, bool? readOnly, bool? destructive, bool? idempotent, bool? openWorld)
    {
        await using var host = ToolHost.Create();
        var tool = host.Services.GetServices<IBuiltinTool>().Single(t => t.Descriptor.Name == name).Descriptor;

        Assert.Equal(JsonValueKind.Object, tool.InputSchema.ValueKind);
        Assert.Equal("object", tool.InputSchema.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Object, tool.OutputSchema?.ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(tool.Description));
        Assert.Equal((readOnly, destructive, idempotent, openWorld), (tool.Annotations.ReadOnly, tool.Annotations.Destructive, tool.Annotations.Idempotent, tool.Annotations.OpenWorld));
    }

    [Fact]
    public async Task Catalog_ListsEveryBuiltinTool()
    {
        await using var host = ToolHost.Create();

        var tools = await host.Services.GetRequiredService<IToolCatalog>().GetToolsAsync("builtin");

        Assert.Equal(Annotations.Select(row => (string)row[0]).Append("delay").Append("echo").Order(StringComparer.Ordinal), tools.Select(t => t.Name));
    }

    [Fact]
    public async Task Tool_UnknownArgument_IsNamed()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("db_query", new { sql = "SELECT 1", limit = 5 });

        Assert.StartsWith("builtin/db_query: invalid arguments:", error, StringComparison.Ordinal);
        Assert.Contains("limit", error, StringComparison.Ordinal);
    }
}
