using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// Reads the raw <c>result</c> of a <c>tools/call</c> response into the SDK's <see cref="CallToolResult"/>. Reading it
/// here instead of inside the SDK's <c>CallToolAsync</c> keeps a result that cannot be read apart from a broken
/// connection: the tool ran and answered, so only that call fails, and the session (with the other calls in flight on
/// it) is kept. Content-block <c>annotations</c> are dropped before reading: nothing here uses them, and
/// ModelContextProtocol.Core 2.4.0 throws an <see cref="InvalidOperationException"/> ("Cannot insert the values of
/// 'TypeInfoResolver' …") on any content block that carries them.
/// </summary>
internal static class McpResultReader
{
    private static readonly JsonSerializerOptions Options = McpJsonUtilities.DefaultOptions;

    /// <summary>The result, or null with <paramref name="problem"/> saying why it could not be read.</summary>
    public static CallToolResult? Read(JsonNode? raw, out string? problem)
    {
        if (raw is not JsonObject result)
        {
            problem = raw is null ? "the response has no result" : $"the result is a JSON {raw.GetValueKind().ToString().ToLowerInvariant()}, not an object";
            return null;
        }
        var copy = (JsonObject)result.DeepClone();
        if (copy["content"] is JsonArray content)
        {
            foreach (var block in content.OfType<JsonObject>())
            {
                block.Remove("annotations");
                if (block["resource"] is JsonObject resource)
                {
                    resource.Remove("annotations");
                }
            }
        }
        try
        {
            problem = null;
            return (CallToolResult?)copy.Deserialize(Options.GetTypeInfo(typeof(CallToolResult)))
                ?? throw new JsonException("the result is null");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or FormatException)
        {
            problem = ex.Message;
            return null;
        }
    }
}
