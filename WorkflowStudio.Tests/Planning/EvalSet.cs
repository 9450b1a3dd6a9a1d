using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tests.Tools;
using WorkflowStudio.Tools;

namespace WorkflowStudio.Tests.Planning;

/// <summary>
/// eval-set.json: requests with what a good plan uses (a template, tools, the input values it should read) or
/// <c>none</c> when nothing here can do it. Scored against what users get: the built-in tools and the built-in gallery.
/// </summary>
internal sealed record EvalSet(IReadOnlyList<EvalCase> Cases)
{
    public static string Path => System.IO.Path.Combine(TestServers.RepositoryRoot, "WorkflowStudio.Tests", "Planning", "eval-set.json");

    public static EvalSet Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path));
        var cases = document.RootElement.GetProperty("cases").EnumerateArray().Select(c =>
        {
            var expect = c.GetProperty("expect");
            return new EvalCase(
                c.GetProperty("request").GetString()!,
                expect.TryGetProperty("template", out var template) ? template.GetString() : null,
                expect.TryGetProperty("tools", out var list) ? list.EnumerateArray().Select(x => x.GetString()!).ToArray() : [],
                expect.TryGetProperty("inputs", out var inputs)
                    ? inputs.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()) : new Dictionary<string, JsonElement>(),
                expect.TryGetProperty("none", out var none) && none.GetBoolean());
        }).ToArray();
        return new EvalSet(cases);
    }

    /// <summary>The built-in tools as the studio registers them (keep the provider for as long as the catalog is used).</summary>
    public static ServiceProvider BuiltinTools() => new ServiceCollection().AddLogging().AddBuiltinTools().BuildServiceProvider();

    public static ITemplateCatalog Gallery() => new EmbeddedTemplateCatalog();

    public static IToolCatalog Catalog(ServiceProvider tools) => tools.GetRequiredService<IToolCatalog>();
}

internal sealed record EvalCase(string Request, string? Template, IReadOnlyList<string> Tools, IReadOnlyDictionary<string, JsonElement> Inputs, bool None)
{
    public bool IsComposition => Template is null && Tools.Count > 1;
}
