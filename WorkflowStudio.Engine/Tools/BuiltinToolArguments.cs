using System.Text.Json;

namespace WorkflowStudio.Engine.Tools;

/// <summary>Argument checks shared by built-in tools; each returns an error message or null.</summary>
internal static class BuiltinToolArguments
{
    public static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Names every argument the tool does not know.</summary>
    public static string? Unexpected(JsonElement arguments, string tool, params string[] known)
    {
        var unknown = arguments.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0
            ? null
            : $"{tool}: unexpected argument{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(n => $"'{n}'"))} (accepted: {string.Join(", ", known)}).";
    }
}
