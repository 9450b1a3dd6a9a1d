using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Bindings;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// The key a cached node's output is stored under: SHA-256 (hex) of the tool's name and either the node's rendered
/// <c>cache.key</c> template or, without one, its bound arguments as canonical JSON (object properties sorted, no spaces),
/// so the same call gets the same key whatever order its arguments were written in.
/// </summary>
internal static class NodeCacheKey
{
    public static string Of(WorkflowNode node, NodeCache cache, JsonElement args, IBindingScope scope, List<string> used)
    {
        var material = cache.Key is { } template
            ? $"{node.Tool}\nkey\n{BindingEvaluator.ResolveString(template, scope, used).GetRawText()}"
            : $"{node.Tool}\nargs\n{Canonical(args)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }

    internal static string Canonical(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
