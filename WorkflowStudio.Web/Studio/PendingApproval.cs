using System.Text.Json;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// A step waiting for a person's decision, as the approval panel lists it: the node, its tool, why it waits and the bound
/// arguments the tool will be called with once approved (null when not known).
/// </summary>
public sealed record PendingApproval(string NodeId, string Tool, string? Reason, JsonElement? Args = null)
{
    /// <summary>Argument names a person looks for first when deciding (money, what it is about, who receives it).</summary>
    private static readonly string[] FirstNames = ["amount", "invoice", "to", "recipient", "customer", "currency"];

    /// <summary>
    /// The scalar arguments (strings, numbers, booleans) at the top level and one level down (e.g. a query's
    /// <c>params</c>), named by their path, the ones a person looks for first (amount, invoice, to …) leading; lists of
    /// scalars are joined with commas. Long texts are cut to <paramref name="maxLength"/> characters.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Highlights(int maxLength = 80)
    {
        var found = new List<KeyValuePair<string, string>>();
        if (Args is not { ValueKind: JsonValueKind.Object } args)
        {
            return found;
        }
        Collect(args, prefix: null, found, depth: 0, maxLength);
        return found
            .Select((pair, index) => (pair, index, rank: Rank(pair.Key)))
            .OrderBy(p => p.rank).ThenBy(p => p.index)
            .Select(p => p.pair)
            .ToArray();
    }

    /// <summary>The arguments as indented JSON, for the expandable view; empty when not known.</summary>
    public string ArgsJson => Args is { } args ? JsonSerializer.Serialize(args, IndentedJson) : string.Empty;

    /// <summary>A node row's stored arguments (JSON text) as an element; null when absent or not JSON.</summary>
    public static JsonElement? ParseArgs(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null; // not JSON: the panel shows no arguments rather than failing the page
        }
    }

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private static int Rank(string path)
    {
        var name = path[(path.LastIndexOf('.') + 1)..];
        var index = Array.FindIndex(FirstNames, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? FirstNames.Length : index;
    }

    private static void Collect(JsonElement element, string? prefix, List<KeyValuePair<string, string>> found, int depth, int maxLength)
    {
        foreach (var property in element.EnumerateObject())
        {
            var path = prefix is null ? property.Name : $"{prefix}.{property.Name}";
            var value = property.Value;
            if (Scalar(value) is { } text)
            {
                found.Add(new(path, Cut(text, maxLength)));
            }
            else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value.EnumerateArray().All(v => Scalar(v) is not null))
            {
                found.Add(new(path, Cut(string.Join(", ", value.EnumerateArray().Select(v => Scalar(v)!)), maxLength)));
            }
            else if (value.ValueKind == JsonValueKind.Object && depth == 0)
            {
                Collect(value, path, found, depth + 1, maxLength);
            }
        }
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static string Cut(string text, int maxLength) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");
}
