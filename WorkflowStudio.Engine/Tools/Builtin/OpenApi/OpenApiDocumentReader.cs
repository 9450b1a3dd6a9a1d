using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WorkflowStudio.Engine.Tools.Builtin.OpenApi;

/// <summary>
/// Reads the operations of an OpenAPI 3.x JSON document: each becomes a tool named <c>API_operationId</c> whose input
/// schema has one property per path/query/header parameter and <c>body</c> for a JSON request body. Local <c>$ref</c>s are inlined.
/// </summary>
internal static partial class OpenApiDocumentReader
{
    private const int MaxRefDepth = 12;
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    public static IReadOnlyList<OpenApiOperation> Read(string api, string json, string? baseUrl, Uri? sourceUri)
    {
        JsonNode root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip })
                ?? throw new ToolArgumentException("the OpenAPI document is empty.");
        }
        catch (JsonException exception)
        {
            throw new ToolArgumentException($"the OpenAPI document is not JSON ({exception.Message}); YAML documents must be converted to JSON first.", exception);
        }
        if (root["openapi"]?.ToString() is not { } version || !version.StartsWith('3'))
        {
            throw new ToolArgumentException("only OpenAPI 3.x documents are supported (the document has no \"openapi\": \"3.x\").");
        }
        var server = baseUrl ?? root["servers"]?[0]?["url"]?.ToString()
            ?? throw new ToolArgumentException("the document names no servers[0].url; give 'baseUrl'.");
        if (!Uri.TryCreate(server, UriKind.Absolute, out var serverUri))
        {
            serverUri = sourceUri is not null && Uri.TryCreate(sourceUri, server, out var relative) ? relative : throw new ToolArgumentException($"the server URL '{server}' is relative; give 'baseUrl'.");
        }
        var operations = new List<OpenApiOperation>();
        foreach (var (path, item) in root["paths"]?.AsObject() ?? [])
        {
            foreach (var method in Methods)
            {
                if (item?[method] is not JsonObject operation)
                {
                    continue;
                }
                var id = operation["operationId"]?.ToString() ?? $"{method}_{path}";
                var name = Slug($"{api}_{id}");
                var parameters = new List<(string, string)>();
                var properties = new JsonObject();
                var required = new JsonArray();
                foreach (var parameter in (item["parameters"]?.AsArray() ?? []).Concat(operation["parameters"]?.AsArray() ?? []))
                {
                    var resolved = Resolve(root, parameter, 0)?.AsObject();
                    if (resolved?["name"]?.ToString() is not { } pname || resolved["in"]?.ToString() is not ("path" or "query" or "header"))
                    {
                        continue;
                    }
                    parameters.Add((pname, resolved["in"]!.ToString()));
                    var schema = Resolve(root, resolved["schema"], 0)?.DeepClone() as JsonObject ?? new JsonObject { ["type"] = "string" };
                    if (resolved["description"]?.ToString() is { } description)
                    {
                        schema["description"] = description;
                    }
                    properties[pname] = schema;
                    if (resolved["required"]?.GetValue<bool>() == true || resolved["in"]!.ToString() == "path")
                    {
                        required.Add(pname);
                    }
                }
                var bodySchema = Resolve(root, operation["requestBody"], 0)?["content"]?["application/json"]?["schema"];
                if (bodySchema is not null)
                {
                    properties["body"] = Resolve(root, bodySchema, 0)!.DeepClone();
                    if (Resolve(root, operation["requestBody"], 0)?["required"]?.GetValue<bool>() == true)
                    {
                        required.Add("body");
                    }
                }
                var input = new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
                if (required.Count > 0)
                {
                    input["required"] = required;
                }
                operations.Add(new OpenApiOperation(api, name, method.ToUpperInvariant(), path, serverUri.ToString().TrimEnd('/'),
                    operation["summary"]?.ToString() ?? operation["description"]?.ToString(), parameters, bodySchema is not null, ToolJson.Element(input)));
            }
        }
        if (operations.Count == 0)
        {
            throw new ToolArgumentException("the document has no operations under 'paths'.");
        }
        return operations;
    }

    /// <summary>Follows a local <c>$ref</c> and inlines nested ones (cycles and deep chains become <c>{}</c>).</summary>
    private static JsonNode? Resolve(JsonNode root, JsonNode? node, int depth)
    {
        if (node is null || depth > MaxRefDepth)
        {
            return depth > MaxRefDepth ? new JsonObject() : null;
        }
        if (node is JsonObject obj)
        {
            if (obj["$ref"]?.ToString() is { } reference)
            {
                if (!reference.StartsWith("#/", StringComparison.Ordinal))
                {
                    return new JsonObject();
                }
                JsonNode? target = root;
                foreach (var part in reference[2..].Split('/'))
                {
                    target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
                }
                return Resolve(root, target, depth + 1);
            }
            var copy = new JsonObject();
            foreach (var (key, value) in obj)
            {
                copy[key] = key is "example" or "examples" ? value?.DeepClone() : Resolve(root, value, depth + 1)?.DeepClone();
            }
            return copy;
        }
        if (node is JsonArray array)
        {
            return new JsonArray([.. array.Select(i => Resolve(root, i, depth + 1)?.DeepClone())]);
        }
        return node.DeepClone();
    }

    public static string Slug(string text)
    {
        var slug = NonName().Replace(text, "_").Trim('_');
        return slug.Length > 64 ? slug[..64] : slug;
    }

    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex NonName();
}
