using System.Globalization;
using System.Text.Json;

namespace WorkflowStudio.Engine.Planning;

/// <summary>Turns a value given as text (command line, request) into an input's declared JSON type, when it reads as one.</summary>
internal static class InputCoercion
{
    public static JsonElement Coerce(JsonElement value, string type)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return value;
        }
        var text = value.GetString()!.Trim();
        switch (type)
        {
            case "number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                return JsonSerializer.SerializeToElement(number);
            case "integer" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer):
                return JsonSerializer.SerializeToElement(integer);
            case "boolean" when bool.TryParse(text, out var flag):
                return JsonSerializer.SerializeToElement(flag);
            case "array" or "object" when text.StartsWith(type == "array" ? '[' : '{'):
                try
                {
                    return JsonSerializer.Deserialize<JsonElement>(text);
                }
                catch (JsonException)
                {
                    return value;
                }
            case "array":
                return JsonSerializer.SerializeToElement(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            default:
                return value;
        }
    }
}
