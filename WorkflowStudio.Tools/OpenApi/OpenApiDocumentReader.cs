using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WorkflowStudio.Tools.OpenApi;

/// <summary>
/// Reads the operations of an OpenAPI 3.x JSON document: each becomes a tool named <c>API_operationId</c> whose input
/// schema has one property per path/query/header parameter and <c>body</c> for a JSON request body. Local <c>$ref</c>s are inlined
/// within the limits of <see cref="OpenApiExpansion"/>.
/// </summary>
internal static partial class OpenApiDocumentReader
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    public static IReadOnlyList<OpenApiOperation> Read(string api, string json, string? baseUrl, Uri? sourceUri, OpenApiToolOptions limits, TimeProvider time)
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
        var expansion = new OpenApiExpansion(root, limits, time);
        foreach (var (path, item) in root["paths"]?.AsObject() ?? [])
        {
            var at = "#/paths/" + Pointer(path);
            foreach (var method in Methods)
            {
                if (item?[method] is not JsonObject operation)
                {
                    continue;
                }
                var id = operation["operationId"]?.ToString() ?? $"{method}_{path}";
                var what = $"{method.ToUpperInvariant()} {path}";
                var name = Slug($"{api}_{id}");
                var parameters = new List<(string, string)>();
                var properties = new JsonObject();
                var required = new JsonArray();
                var shared = (item["parameters"]?.AsArray() ?? []).Select((p, i) => (p, $"{at}/parameters/{i}"));
                var own = (operation["parameters"]?.AsArray() ?? []).Select((p, i) => (p, $"{at}/{method}/parameters/{i}"));
                foreach (var (parameter, where) in shared.Concat(own))
                {
                    var resolved = expansion.Resolve(parameter, what, where) as JsonObject;
                    if (resolved?["name"]?.ToString() is not { } pname || resolved["in"]?.ToString() is not ("path" or "query" or "header"))
                    {
                        continue;
                    }
                    parameters.Add((pname, resolved["in"]!.ToString()));
                    var schema = resolved["schema"] is JsonObject resolvedSchema ? (JsonObject)resolvedSchema.DeepClone() : new JsonObject { ["type"] = "string" };
                    if (resolved["description"]?.ToString() is { } description)
                    {
                        schema["description"] = description;
                    }
                    properties[pname] = schema;
                    if (IsTrue(resolved["required"]) || resolved["in"]!.ToString() == "path")
                    {
                        required.Add(pname);
                    }
                }
                var requestBody = expansion.Resolve(operation["requestBody"], what, $"{at}/{method}/requestBody");
                var bodySchema = requestBody?["content"]?["application/json"]?["schema"];
                if (bodySchema is not null)
                {
                    properties["body"] = bodySchema.DeepClone();
                    if (IsTrue(requestBody?["required"]))
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

    private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    private static string Pointer(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Slug(string text)
    {
        var slug = NonName().Replace(text, "_").Trim('_');
        return slug.Length > 64 ? slug[..64] : slug;
    }

    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex NonName();
}
