namespace WorkflowStudio.Engine.Workflows.Bindings;

/// <summary>A string split into literal text and <c>{{ binding }}</c> parts.</summary>
public sealed class TemplateString
{
    private TemplateString(IReadOnlyList<TemplatePart> parts) => Parts = parts;

    public IReadOnlyList<TemplatePart> Parts { get; }

    /// <summary>The whole string is exactly one binding (whitespace around it allowed): the value keeps its JSON type.</summary>
    public bool IsSingleBinding => Parts.Count == 1 && Parts[0].Expression is not null;

    public bool HasBindings => Parts.Any(p => p.Expression is not null);

    /// <summary>Splits <paramref name="text"/>; returns false with a precise error for an unclosed <c>{{</c>.</summary>
    public static bool TryParse(string text, out TemplateString template, out string? error)
    {
        var parts = new List<TemplatePart>();
        var position = 0;
        error = null;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(new TemplatePart(text[position..], null));
                break;
            }
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                template = new TemplateString([new TemplatePart(text, null)]);
                error = $"'{{{{' at character {open + 1} has no matching '}}}}'";
                return false;
            }
            if (open > position)
            {
                parts.Add(new TemplatePart(text[position..open], null));
            }
            parts.Add(new TemplatePart(null, text[(open + 2)..close].Trim()));
            position = close + 2;
        }
        // "  {{ x }}  " still counts as one binding.
        if (parts.Count(p => p.Expression is not null) == 1 && parts.All(p => p.Expression is not null || string.IsNullOrWhiteSpace(p.Literal)))
        {
            parts.RemoveAll(p => p.Expression is null);
        }
        template = new TemplateString(parts);
        return true;
    }
}

/// <summary>Either literal text or a binding expression.</summary>
public readonly record struct TemplatePart(string? Literal, string? Expression);
