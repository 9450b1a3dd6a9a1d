using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Tools;

/// <summary>
/// Every built-in tool in the catalog (new tools join by construction) answers hostile arguments (huge strings, JSON nested
/// 10,000 levels deep, wrong types) with a clear error or a bounded result, within a generous time, and the process survives.
/// </summary>
public sealed class HostileArgumentsTests
{
    private const int HugeChars = 4 * 1024 * 1024;
    private const int DeepLevels = 10_000;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Cases => new() { "huge", "deep", "wrong-types", "deep-arguments" };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BuiltinTools_HostileArguments_AnswerClearlyWithinBounds(string kind)
    {
        await using var host = ToolHost.Create();
        var tools = await host.Services.GetRequiredService<IToolCatalog>().GetToolsAsync("builtin");
        Assert.True(tools.Count > 20, $"the catalog lists only {tools.Count} built-in tools");
        var problems = new List<string>();
        foreach (var tool in tools)
        {
            var arguments = Arguments(kind, tool.InputSchema);
            var clock = Stopwatch.StartNew();
            ToolCallResult result;
            try
            {
                result = await host.CallAsync(tool.Name, arguments);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                problems.Add($"{tool.FullName} ({kind}): threw {exception.GetType().Name}: {Clip(exception.Message)}");
                continue;
            }
            if (clock.Elapsed > Bound)
            {
                problems.Add($"{tool.FullName} ({kind}): took {clock.Elapsed.TotalSeconds:0.#} s");
            }
            if (result.IsError)
            {
                var message = result.ErrorMessage ?? "";
                if (!message.StartsWith(tool.FullName + ":", StringComparison.Ordinal) || message.Length > 4000)
                {
                    problems.Add($"{tool.FullName} ({kind}): unclear error ({message.Length} chars): {Clip(message)}");
                }
            }
            else if (result.Output.GetRawText().Length > 2 * HugeChars)
            {
                problems.Add($"{tool.FullName} ({kind}): answered {result.Output.GetRawText().Length} characters");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string Clip(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>Arguments for the tool's input schema: every property gets the hostile value of <paramref name="kind"/>.</summary>
    private static JsonElement Arguments(string kind, JsonElement schema)
    {
        if (kind == "deep-arguments")
        {
            return Deep($$"""{ "nested": {{Nested()}} }""");
        }
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p.EnumerateObject().ToList() : [];
        var text = new StringBuilder("{");
        foreach (var property in properties)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }
            text.Append(JsonSerializer.Serialize(property.Name)).Append(':').Append(kind switch
            {
                "huge" => Huge(property.Value),
                "deep" => Nested(),
                _ => WrongType(property.Value),
            });
        }
        return Deep(text.Append('}').ToString());
    }

    private static JsonElement Deep(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = DeepLevels + 10 });
        return document.RootElement.Clone();
    }

    private static string Nested() => new string('[', DeepLevels) + new string(']', DeepLevels);

    private static string Types(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) ? type.ValueKind == JsonValueKind.Array ? type[0].GetString()! : type.GetString()! : "string";

    /// <summary>A huge value of the property's own type: a long string, a long array of long-ish strings, a wide object.</summary>
    private static string Huge(JsonElement schema) => Types(schema) switch
    {
        "array" => "[" + string.Join(",", Enumerable.Repeat("\"" + new string('x', 64) + "\"", HugeChars / 70)) + "]",
        "object" => "{" + string.Join(",", Enumerable.Range(0, HugeChars / 80).Select(i => $"\"k{i}\":\"{new string('y', 64)}\"")) + "}",
        "integer" or "number" => "1e308",
        "boolean" => "true",
        _ => JsonSerializer.Serialize(new string('z', HugeChars)),
    };

    private static string WrongType(JsonElement schema) => Types(schema) switch
    {
        "string" => "{\"not\":\"a string\"}",
        "integer" or "number" => "\"NaN\"",
        "boolean" => "[1,2,3]",
        "array" => "{\"not\":\"an array\"}",
        "object" => "12345",
        _ => "null",
    };
}
