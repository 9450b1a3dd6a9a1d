using System.Text.Json;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Planning.Ranking;

/// <summary>The searchable words of tools and templates: names and titles weigh double, then descriptions and inputs.</summary>
internal static partial class CatalogDocuments
{
    public static IEnumerable<string> TermsOf(ToolDescriptor tool)
    {
        var name = TextTerms.Of(tool.Name);
        return name.Concat(name)
            .Concat(TextTerms.Of(tool.Title))
            .Concat(TextTerms.Of(tool.Description))
            .Concat(SchemaTerms(tool.InputSchema));
    }

    public static IEnumerable<string> TermsOf(WorkflowTemplate template)
    {
        var heading = TextTerms.Of(template.Id).Concat(TextTerms.Of(template.Title)).Concat(template.Tags.SelectMany(TextTerms.Of)).ToList();
        return heading.Concat(heading)
            .Concat(TextTerms.Of(template.Description))
            .Concat(template.Workflow.Inputs.SelectMany(i => TextTerms.Of(i.Key).Concat(TextTerms.Of(i.Value.Description))))
            .Concat(template.Workflow.Nodes.SelectMany(n => TextTerms.Of(n.Description).Concat(LiteralTerms(n.Args))));
    }

    /// <summary>Words of the literal strings in a node's args (bindings left out): "news", "papers", "Revenue trend".</summary>
    private static IEnumerable<string> LiteralTerms(JsonElement? args)
    {
        if (args is not { } value)
        {
            return [];
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => TextTerms.Of(Bindings().Replace(value.GetString()!, " ")),
            JsonValueKind.Object => value.EnumerateObject().SelectMany(p => LiteralTerms(p.Value)),
            JsonValueKind.Array => value.EnumerateArray().SelectMany(i => LiteralTerms(i)),
            _ => [],
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{.*?\}\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Bindings();

    private static IEnumerable<string> SchemaTerms(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        foreach (var property in properties.EnumerateObject())
        {
            foreach (var term in TextTerms.Of(property.Name))
            {
                yield return term;
            }
            if (property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("description", out var description)
                && description.ValueKind == JsonValueKind.String)
            {
                foreach (var term in TextTerms.Of(description.GetString()))
                {
                    yield return term;
                }
            }
        }
    }
}
