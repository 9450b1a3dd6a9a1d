using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WorkflowStudio.Web.Studio;

/// <summary>A JSON value on one line for people: no indentation, and characters such as é, &lt; or → kept as they are (not \u escapes).</summary>
public static class CompactJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            value.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
