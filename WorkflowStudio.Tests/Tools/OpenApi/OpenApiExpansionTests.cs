using System.Diagnostics;
using System.Text;

namespace WorkflowStudio.Tests.Tools.OpenApi;

/// <summary>
/// A small document whose <c>$ref</c>s fan out ("billion laughs" of references) is refused quickly, with the limit it
/// exceeded and where in the document, instead of expanding into millions of nodes.
/// </summary>
public sealed class OpenApiExpansionTests
{
    [Fact]
    public async Task OpenApiImport_RefFanOut_IsRefusedNamingTheLimitAndThePlace()
    {
        await using var host = ToolHost.Create();
        var document = FanOut(levels: 4, width: 60, leaf: """{ "type": "string" }""");
        Assert.True(document.Length < 16_000, $"the document is {document.Length} characters");
        await host.OkAsync("files_write", new { path = "laughs.json", content = document });
        var clock = Stopwatch.StartNew();

        var error = await host.ErrorAsync("openapi_import", new { name = "laughs", source = "laughs.json" });

        Assert.Contains("Tools:OpenApi:MaxExpandedNodes", error, StringComparison.Ordinal);
        Assert.Contains("POST /boom", error, StringComparison.Ordinal);
        Assert.Contains("#/components/schemas/L", error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task OpenApiImport_RefFanOutOfLongText_IsRefusedByTheSizeLimit()
    {
        await using var host = ToolHost.Create();
        var leaf = $$"""{ "type": "string", "description": "{{new string('x', 4000)}}" }""";
        await host.OkAsync("files_write", new { path = "wide.json", content = FanOut(levels: 2, width: 70, leaf) });

        var error = await host.ErrorAsync("openapi_import", new { name = "wide", source = "wide.json" });

        Assert.Contains("Tools:OpenApi:MaxExpandedBytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiImport_LargeFanOutWithDefaults_AllocatesBoundedMemory()
    {
        await using var host = ToolHost.Create();
        await host.OkAsync("files_write", new { path = "huge.json", content = FanOut(levels: 6, width: 120, leaf: """{ "type": "string" }""") });
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var error = await host.ErrorAsync("openapi_import", new { name = "huge", source = "huge.json" });

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Contains("Tools:OpenApi:MaxExpandedNodes", error, StringComparison.Ordinal);
        // Whole-process allocations (other tests run alongside): generous, but far below the gigabytes of the full expansion.
        Assert.True(allocated < 2L * 1024 * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MB");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task OpenApiImport_ReasonableDocumentWithSharedRefs_IsImported()
    {
        await using var host = ToolHost.Create();
        await host.OkAsync("files_write", new { path = "fine.json", content = FanOut(levels: 3, width: 8, leaf: """{ "type": "string" }""") });

        var imported = await host.OkAsync("openapi_import", new { name = "fine", source = "fine.json" });

        Assert.Equal(1, imported.GetProperty("count").GetInt32());
    }

    /// <summary>One operation whose body is <c>L0</c>; each level has <paramref name="width"/> properties referencing the next.</summary>
    private static string FanOut(int levels, int width, string leaf)
    {
        var schemas = new StringBuilder();
        for (var level = 0; level < levels; level++)
        {
            var properties = string.Join(", ", Enumerable.Range(0, width).Select(i => $$"""  "p{{i}}": { "$ref": "#/components/schemas/L{{level + 1}}" }"""));
            schemas.Append($$""" "L{{level}}": { "type": "object", "properties": { {{properties}} } },""");
        }
        schemas.Append($$""" "L{{levels}}": {{leaf}}""");
        return $$"""
            { "openapi": "3.0.3", "info": { "title": "laughs", "version": "1" }, "servers": [ { "url": "http://api.example.com" } ],
              "paths": { "/boom": { "post": { "operationId": "boom",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/L0" } } } } } } },
              "components": { "schemas": { {{schemas}} } } }
            """;
    }
}
