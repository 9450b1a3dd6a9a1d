using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tools.Files;

namespace WorkflowStudio.Tools.Data;

/// <summary><c>builtin/data_query</c>: filter, group, aggregate, sort and cut rows of JSON or CSV — analytics without an LLM.</summary>
internal sealed class DataQueryTool : BuiltinTool
{
    private const int MaxRows = 100_000;
    private readonly ToolPaths _paths;
    private readonly DemoDataInstaller _demo;

    public DataQueryTool(ToolPaths paths, DemoDataInstaller demo)
    {
        _paths = paths;
        _demo = demo;
    }

    public override ToolDescriptor Descriptor { get; } = Describe(
        "data_query", "Query rows",
        "Filters ('where', all conditions must hold), groups ('groupBy'), aggregates (count, sum, avg, min, max), sorts ('orderBy') and limits rows. " +
        "Rows come from 'rows' (an array of objects, e.g. another step's output), 'csv' (text with a header row) or 'path' (a .csv or .json file under the files root).",
        """
        { "type": "object",
          "properties": {
            "rows": { "type": "array", "items": { "type": "object" } },
            "csv": { "type": "string" },
            "path": { "type": "string" },
            "rowsProperty": { "type": "string", "description": "For a JSON file or 'rows' object: the property holding the array, e.g. 'items'." },
            "where": { "type": "array", "items": { "type": "object",
              "properties": { "field": { "type": "string" }, "op": { "enum": ["eq", "ne", "gt", "gte", "lt", "lte", "contains", "in"] }, "value": {} },
              "required": ["field", "op", "value"], "additionalProperties": false } },
            "groupBy": { "type": "array", "items": { "type": "string" } },
            "aggregates": { "type": "array", "items": { "type": "object",
              "properties": { "op": { "enum": ["count", "sum", "avg", "min", "max"] }, "field": { "type": "string" }, "as": { "type": "string" } },
              "required": ["op"], "additionalProperties": false } },
            "orderBy": { "type": "array", "items": { "type": "object",
              "properties": { "field": { "type": "string" }, "desc": { "type": "boolean" } }, "required": ["field"], "additionalProperties": false } },
            "select": { "type": "array", "items": { "type": "string" } },
            "limit": { "type": "integer", "minimum": 1, "maximum": 100000 } },
          "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "rows": { "type": "array", "items": { "type": "object" } }, "rowCount": { "type": "integer" }, "inputRows": { "type": "integer" } },
          "required": ["rows", "rowCount", "inputRows"] }
        """,
        ReadOnlyLocal);

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var rows = await LoadAsync(args, _paths.For(context.TenantId), cancellationToken);
        var inputCount = rows.Count;
        if (args.Element("where") is { } where)
        {
            foreach (var condition in where.EnumerateArray())
            {
                var field = condition.GetProperty("field").GetString()!;
                var op = condition.GetProperty("op").GetString()!;
                var value = ToolJson.Node(condition.GetProperty("value"));
                rows = [.. rows.Where(r => Test(r[field], op, value))];
            }
        }
        var groupBy = args.Strings("groupBy");
        if (groupBy.Count > 0 || args.Has("aggregates"))
        {
            rows = Aggregate(rows, groupBy, args.Element("aggregates"));
        }
        if (args.Element("orderBy") is { } orderBy)
        {
            IOrderedEnumerable<JsonObject>? ordered = null;
            foreach (var key in orderBy.EnumerateArray())
            {
                var field = key.GetProperty("field").GetString()!;
                var desc = key.TryGetProperty("desc", out var d) && d.ValueKind == JsonValueKind.True;
                Func<JsonObject, JsonNode?> selector = r => r[field];
                ordered = ordered is null
                    ? (desc ? rows.OrderByDescending(selector, NodeComparer.Instance) : rows.OrderBy(selector, NodeComparer.Instance))
                    : (desc ? ordered.ThenByDescending(selector, NodeComparer.Instance) : ordered.ThenBy(selector, NodeComparer.Instance));
            }
            rows = [.. ordered!];
        }
        if (args.Has("limit"))
        {
            rows = [.. rows.Take(args.Int("limit", MaxRows))];
        }
        var select = args.Strings("select");
        var result = rows.Select(r => select.Count == 0 ? r.DeepClone() : new JsonObject(select.Select(f => KeyValuePair.Create(f, r[f]?.DeepClone())))).ToArray();
        return ToolJson.Ok(new JsonObject { ["rows"] = new JsonArray(result), ["rowCount"] = result.Length, ["inputRows"] = inputCount });
    }

    private async Task<List<JsonObject>> LoadAsync(ToolArgs args, TenantFiles files, CancellationToken cancellationToken)
    {
        var given = new[] { "rows", "csv", "path" }.Where(args.Has).ToArray();
        if (given.Length != 1)
        {
            throw new ToolArgumentException($"give exactly one of 'rows', 'csv' or 'path' (got {(given.Length == 0 ? "none" : string.Join(", ", given))}).");
        }
        JsonNode? data;
        if (args.Element("rows") is { } inline)
        {
            data = ToolJson.Node(inline);
        }
        else if (args.String("csv") is { } csv)
        {
            return Normalise(CsvRows.Parse(csv));
        }
        else
        {
            await _demo.EnsureFilesAsync(files, cancellationToken);
            var path = args.RequiredString("path");
            var full = files.Resolve(path);
            if (!File.Exists(full))
            {
                throw new ToolArgumentException($"there is no file '{path}' under the files root.");
            }
            var text = await File.ReadAllTextAsync(full, cancellationToken);
            if (full.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                return Normalise(CsvRows.Parse(text));
            }
            data = ToolJson.TryParse(text) ?? throw new ToolArgumentException($"'{path}' is neither CSV (.csv) nor JSON.");
        }
        if (args.String("rowsProperty") is { } property)
        {
            data = data?[property];
        }
        if (data is not JsonArray array)
        {
            throw new ToolArgumentException("the data is not an array of rows; name the property that holds it with 'rowsProperty'.");
        }
        if (array.Count > MaxRows)
        {
            throw new ToolArgumentException($"{array.Count} rows is more than {MaxRows}; filter them in the source first.");
        }
        return [.. array.Select((r, i) => r as JsonObject ?? throw new ToolArgumentException($"row {i} is not an object."))];
    }

    /// <summary>Rows re-read from their JSON so every value is element-backed (uniform number handling).</summary>
    private static List<JsonObject> Normalise(List<JsonObject> rows) =>
        [.. JsonNode.Parse(new JsonArray([.. rows]).ToJsonString())!.AsArray().Select(r => r!.AsObject())];

    private static List<JsonObject> Aggregate(List<JsonObject> rows, IReadOnlyList<string> groupBy, JsonElement? aggregates)
    {
        var specs = aggregates?.EnumerateArray().Select(a => (
            Op: a.GetProperty("op").GetString()!,
            Field: a.TryGetProperty("field", out var f) ? f.GetString() : null,
            As: a.TryGetProperty("as", out var n) ? n.GetString() : null)).ToList() ?? [("count", null, null)];
        foreach (var spec in specs.Where(s => s.Op != "count" && s.Field is null))
        {
            throw new ToolArgumentException($"aggregate '{spec.Op}' needs a 'field'.");
        }
        return [.. rows
            .GroupBy(r => string.Join("\u001f", groupBy.Select(g => r[g]?.ToJsonString() ?? "null")), StringComparer.Ordinal)
            .Select(group =>
            {
                var first = group.First();
                var output = new JsonObject(groupBy.Select(g => KeyValuePair.Create(g, first[g]?.DeepClone())));
                foreach (var (op, field, name) in specs)
                {
                    var numbers = field is null ? [] : group.Select(r => r[field] is JsonValue v && v.TryGetValue<double>(out var d) ? (double?)d : null).OfType<double>().ToList();
                    output[name ?? (field is null ? op : $"{op}_{field}")] = op switch
                    {
                        "count" => field is null ? group.Count() : group.Count(r => r[field] is not null),
                        "sum" => numbers.Sum(),
                        "avg" => numbers.Count == 0 ? null : Math.Round(numbers.Average(), 6),
                        "min" => numbers.Count == 0 ? null : numbers.Min(),
                        _ => numbers.Count == 0 ? null : numbers.Max(),
                    };
                }
                return output;
            })];
    }

    private static bool Test(JsonNode? actual, string op, JsonNode? expected) => op switch
    {
        "eq" => NodeComparer.Instance.Compare(actual, expected) == 0,
        "ne" => NodeComparer.Instance.Compare(actual, expected) != 0,
        "gt" => actual is not null && NodeComparer.Instance.Compare(actual, expected) > 0,
        "gte" => actual is not null && NodeComparer.Instance.Compare(actual, expected) >= 0,
        "lt" => actual is not null && NodeComparer.Instance.Compare(actual, expected) < 0,
        "lte" => actual is not null && NodeComparer.Instance.Compare(actual, expected) <= 0,
        "contains" => actual is not null && Text(actual).Contains(Text(expected), StringComparison.OrdinalIgnoreCase),
        _ => expected is JsonArray options
            ? options.Any(o => NodeComparer.Instance.Compare(actual, o) == 0)
            : throw new ToolArgumentException("'in' needs an array 'value'."),
    };

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";

    /// <summary>Orders null first, then numbers numerically, then text ordinally.</summary>
    private sealed class NodeComparer : IComparer<JsonNode?>
    {
        public static readonly NodeComparer Instance = new();

        public int Compare(JsonNode? x, JsonNode? y)
        {
            if (x is null || y is null)
            {
                return (x is null ? 0 : 1) - (y is null ? 0 : 1);
            }
            if (Number(x) is { } a && Number(y) is { } b)
            {
                return a.CompareTo(b);
            }
            return string.CompareOrdinal(Text(x), Text(y));
        }

        private static double? Number(JsonNode node) =>
            node is JsonValue v && (v.TryGetValue<double>(out var d) || (v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d))) ? d : null;
    }
}
