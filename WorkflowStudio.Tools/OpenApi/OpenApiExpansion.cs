using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowStudio.Tools.OpenApi;

/// <summary>
/// Inlines the local <c>$ref</c>s of one OpenAPI document within a budget: schema nodes, characters, and time
/// (<see cref="OpenApiToolOptions.MaxExpandedNodes"/>, <see cref="OpenApiToolOptions.MaxExpandedBytes"/>,
/// <see cref="OpenApiToolOptions.MaxExpansionSeconds"/>), shared by all the document's operations. References that fan out
/// over a few levels multiply (a 7 KB document can stand for billions of nodes), so the expansion stops at the first limit
/// with an error naming the limit, the operation and the place in the document.
/// </summary>
internal sealed class OpenApiExpansion
{
    /// <summary>Chains of <c>$ref</c>s and nesting deeper than this become <c>{}</c> (cycles end here too).</summary>
    public const int MaxDepth = 12;
    private const int ClockEvery = 1024;
    private const string RefMark = "$ref ";

    private readonly JsonNode _root;
    private readonly OpenApiToolOptions _limits;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly List<string> _path = [];
    private long _nodes;
    private long _chars;
    private string _operation = "";

    public OpenApiExpansion(JsonNode root, OpenApiToolOptions limits, TimeProvider time)
    {
        _root = root;
        _limits = limits;
        _time = time;
        _started = time.GetTimestamp();
    }

    /// <summary>
    /// The node at <paramref name="pointer"/> (a JSON pointer into the document, where <paramref name="node"/> sits) with its
    /// references inlined, for the operation <paramref name="operation"/> (e.g. <c>POST /pets</c>).
    /// </summary>
    public JsonNode? Resolve(JsonNode? node, string operation, string pointer)
    {
        _operation = operation;
        _path.Clear();
        _path.Add(RefMark + pointer);
        return Resolve(node, 0);
    }

    private JsonNode? Resolve(JsonNode? node, int depth)
    {
        if (node is null)
        {
            return null;
        }
        if (depth > MaxDepth)
        {
            return Count(new JsonObject(), 0);
        }
        switch (node)
        {
            case JsonObject obj when obj["$ref"]?.ToString() is { } reference:
                if (!reference.StartsWith("#/", StringComparison.Ordinal))
                {
                    return Count(new JsonObject(), 0);
                }
                JsonNode? target = _root;
                foreach (var part in reference[2..].Split('/'))
                {
                    target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
                }
                return Within(RefMark + reference, () => Resolve(target, depth + 1));
            case JsonObject obj:
                var copy = Count(new JsonObject(), 0);
                foreach (var (key, value) in obj)
                {
                    // Examples are data, not schemas: copied as they are (still counted), their "$ref"-looking keys left alone.
                    copy[key] = Within(key, () => key is "example" or "examples" ? Copy(value) : Resolve(value, depth + 1));
                    CountChars(key.Length);
                }
                return copy;
            case JsonArray array:
                var items = Count(new JsonArray(), 0);
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i;
                    items.Add(Within(i.ToString(System.Globalization.CultureInfo.InvariantCulture), () => Resolve(array[index], depth + 1)));
                }
                return items;
            default:
                return Copy(node);
        }
    }

    /// <summary>A verbatim copy, counted like the expansion.</summary>
    private JsonNode? Copy(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var copy = Count(new JsonObject(), 0);
                foreach (var (key, value) in obj)
                {
                    copy[key] = Within(key, () => Copy(value));
                    CountChars(key.Length);
                }
                return copy;
            case JsonArray array:
                var items = Count(new JsonArray(), 0);
                foreach (var item in array)
                {
                    items.Add(Copy(item));
                }
                return items;
            default:
                var scalar = node.DeepClone();
                return Count(scalar, scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>().Length : scalar.ToJsonString().Length);
        }
    }

    private JsonNode? Within(string segment, Func<JsonNode?> expand)
    {
        _path.Add(segment);
        try
        {
            return expand();
        }
        finally
        {
            _path.RemoveAt(_path.Count - 1);
        }
    }

    private T Count<T>(T node, int chars)
        where T : JsonNode
    {
        if (++_nodes > _limits.MaxExpandedNodes)
        {
            throw Refused($"more than {_limits.MaxExpandedNodes} schema nodes (Tools:OpenApi:MaxExpandedNodes)");
        }
        CountChars(chars);
        return node;
    }

    private void CountChars(int chars)
    {
        if ((_chars += chars) > _limits.MaxExpandedBytes)
        {
            throw Refused($"more than {_limits.MaxExpandedBytes} characters of names and values (Tools:OpenApi:MaxExpandedBytes)");
        }
        if (_nodes % ClockEvery == 0 && _time.GetElapsedTime(_started).TotalSeconds > _limits.MaxExpansionSeconds)
        {
            throw Refused($"more work than {_limits.MaxExpansionSeconds:0.#} s allow (Tools:OpenApi:MaxExpansionSeconds)");
        }
    }

    private ToolArgumentException Refused(string limit)
    {
        var last = _path.FindLastIndex(s => s.StartsWith(RefMark, StringComparison.Ordinal));
        var where = _path[last][RefMark.Length..] + string.Concat(_path.Skip(last + 1).Select(s => "/" + s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
        var through = _path.Take(last).Skip(1).Where(s => s.StartsWith(RefMark, StringComparison.Ordinal)).Select(s => s[RefMark.Length..]).Distinct().ToList();
        return new ToolArgumentException(
            $"the OpenAPI document is refused: inlining its $refs grows to {limit}; the limit was reached in operation {_operation} at '{where}'" +
            (through.Count > 0 ? $" (through $ref {string.Join(" → ", through)})" : "") +
            ". References that fan out (a schema using another many times, over several levels) multiply; " +
            "share fewer schemas per level, flatten the document, or raise the limit.");
    }
}
