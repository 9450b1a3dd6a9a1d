namespace WorkflowStudio.Engine.Planning.Llm;

/// <summary>Gets the JSON out of a model's answer: raw, inside a ```json fence, or between the first { and the last }.</summary>
internal static class ModelAnswer
{
    public static string ExtractJson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var trimmed = text.Trim();
        var fence = trimmed.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            var start = trimmed.IndexOf('\n', fence);
            var end = start < 0 ? -1 : trimmed.IndexOf("```", start, StringComparison.Ordinal);
            if (end > start)
            {
                return trimmed[(start + 1)..end].Trim();
            }
        }
        if (trimmed.StartsWith('{'))
        {
            return trimmed;
        }
        var open = trimmed.IndexOf('{', StringComparison.Ordinal);
        var close = trimmed.LastIndexOf('}');
        return open >= 0 && close > open ? trimmed[open..(close + 1)] : trimmed;
    }
}
