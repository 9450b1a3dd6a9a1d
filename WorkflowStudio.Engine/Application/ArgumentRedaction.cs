using System.Text;
using System.Text.Json;

namespace WorkflowStudio.Engine.Application;

/// <summary>
/// Tool arguments written where people read them later (the audit log): compact JSON with the value of every property
/// whose name says it holds a secret (password, token, api key, authorization, ...) replaced by <c>"***"</c>, at any depth,
/// and cut at <see cref="MaxLength"/> characters.
/// </summary>
internal static class ArgumentRedaction
{
    public const string Mask = "***";
    public const int MaxLength = 2000;

    private static readonly string[] SecretWords =
        ["password", "passwd", "secret", "token", "apikey", "api_key", "api-key", "authorization", "credential", "private_key", "privatekey", "passphrase", "cookie"];

    public static bool IsSecretName(string name) => SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    public static string Redact(JsonElement args)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, args);
        }
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (IsSecretName(property.Name) && property.Value.ValueKind != JsonValueKind.Null)
                    {
                        writer.WriteStringValue(Mask);
                    }
                    else
                    {
                        Write(writer, property.Value);
                    }
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
