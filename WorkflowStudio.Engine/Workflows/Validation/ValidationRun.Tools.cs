using System.Text.Json;
using WorkflowStudio.Engine.Workflows.Json;
using WorkflowStudio.Engine.Workflows.Schema;

namespace WorkflowStudio.Engine.Workflows.Validation;

internal sealed partial class ValidationRun
{
    private static readonly JsonElement EmptyObject = JsonSerializer.Deserialize<JsonElement>("{}");

    /// <summary>Checks that <paramref name="tool"/> names an existing tool, then its arguments against the tool's input schema.</summary>
    private void CheckTool(string tool, JsonElement? args, string toolPath, string argsPath)
    {
        if (string.IsNullOrWhiteSpace(tool))
        {
            Error(toolPath, "missing: name the tool as server/tool, e.g. \"builtin/echo\"");
            return;
        }
        if (!ToolReference.TryParse(tool, out var reference) || reference.Server.Any(char.IsWhiteSpace) || reference.Name.Trim() != reference.Name)
        {
            Error(toolPath, $"'{tool}' is not of the form server/tool (e.g. \"builtin/echo\"; the server is a key of mcpServers or 'builtin')");
            return;
        }
        if (!_tools.IsConfigured(reference.Server))
        {
            var configured = _tools.ConfiguredServers.Count == 0 ? "none" : string.Join(", ", _tools.ConfiguredServers);
            Error(toolPath, $"no server named '{reference.Server}' is configured{Suggestions.DidYouMean(reference.Server, _tools.ConfiguredServers)} (configured: {configured})");
            return;
        }
        if (_tools.FailureOf(reference.Server) is { } failure)
        {
            Error(toolPath, $"cannot check '{tool}': server '{reference.Server}' could not be reached: {failure}");
            return;
        }
        var descriptor = _tools.Find(reference.Server, reference.Name);
        if (descriptor is null)
        {
            var names = _tools.ToolsOf(reference.Server).Select(t => t.Name).ToList();
            var close = Suggestions.Closest(reference.Name, names);
            var hint = close.Count > 0 ? $"; did you mean {JsonValueText.Quoted(close)}?"
                : names.Count == 0 ? " (it has no tools)"
                : names.Count <= 10 ? $" (it has: {string.Join(", ", names)})" : $" (it has {names.Count} tools; run 'studio tools' to list them)";
            Error(toolPath, $"server '{reference.Server}' has no tool '{reference.Name}'{hint}");
            return;
        }
        if (descriptor.InputSchema.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False)
        {
            _errors.AddRange(JsonSchemaChecker.Check(descriptor.InputSchema, args ?? EmptyObject, argsPath, deferBindings: true));
        }
    }
}
