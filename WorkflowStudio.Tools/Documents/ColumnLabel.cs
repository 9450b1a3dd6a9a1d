using System.Globalization;
using System.Text;

namespace WorkflowStudio.Tools.Documents;

/// <summary>
/// A table header people read, from a data column's name: <c>target_pct</c> is "Target %", <c>avg_deal</c> "Avg deal",
/// <c>previousRevenue</c> "Previous revenue". A name that already has spaces is someone's wording and stays as written.
/// </summary>
internal static class ColumnLabel
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pct"] = "%", ["percent"] = "%", ["id"] = "ID", ["url"] = "URL", ["qty"] = "quantity", ["num"] = "number", ["no"] = "no.",
    };

    public static string For(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains(' ', StringComparison.Ordinal))
        {
            return name;
        }
        var words = Split(name).Select(w => Words.TryGetValue(w, out var replaced) ? replaced
            : w.Length > 1 && w.All(char.IsUpper) ? w : w.ToLowerInvariant()).ToList();
        if (words.Count == 0)
        {
            return name;
        }
        words[0] = char.ToUpper(words[0][0], CultureInfo.InvariantCulture) + words[0][1..];
        return string.Join(' ', words);
    }

    /// <summary>Words of a snake_case, kebab-case or camelCase name.</summary>
    private static IEnumerable<string> Split(string name)
    {
        var word = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = c is '_' or '-' or '.'
                || (char.IsUpper(c) && word.Length > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))));
            if (boundary && word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
            if (c is not ('_' or '-' or '.'))
            {
                word.Append(c);
            }
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
