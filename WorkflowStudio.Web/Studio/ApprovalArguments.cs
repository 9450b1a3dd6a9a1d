using System.Text.Json;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// Arguments an approver typed: a JSON object, or an error in words (where the JSON breaks, or what it is instead of an
/// object). Whether they fit the tool is the engine's check, made on approve.
/// </summary>
public sealed record ApprovalArguments(JsonElement? Args, string? Error)
{
    public static ApprovalArguments Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(null, "the arguments are empty; type a JSON object such as {\"amount\": 25}, or choose \"Keep the arguments\".");
        }
        try
        {
            var element = JsonElement.Parse(text);
            return element.ValueKind == JsonValueKind.Object
                ? new(element, null)
                : new(null, $"the arguments must be a JSON object of names and values, not {element.ValueKind.ToString().ToLowerInvariant()}; wrap them in {{ }}.");
        }
        catch (JsonException exception)
        {
            return new(null, $"the arguments are not valid JSON (line {exception.LineNumber + 1}, position {exception.BytePositionInLine + 1}); fix it there and approve again.");
        }
    }
}
