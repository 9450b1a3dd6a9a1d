using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace WorkflowStudio.Engine.Tools;

/// <summary>Validates an <c>mcpServers</c> document (JSON text or app configuration) into <see cref="McpServersConfig"/>, collecting every error.</summary>
internal static partial class McpServersConfigReader
{
    /// <summary>The property that lists the servers in VS Code's <c>.vscode/mcp.json</c>.</summary>
    internal const string VsCodeSectionName = "servers";

    private static readonly HashSet<string> RootKeys = new(StringComparer.Ordinal) { McpServersConfig.SectionName, VsCodeSectionName, "inputs", "$schema" };

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static McpServersConfig ReadJson(string json, string source, string baseDirectory, Func<string, string?> environment)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new McpConfigException([$"{source}: invalid JSON at line {ex.LineNumber + 1}, column {ex.BytePositionInLine + 1}: {WithoutPosition(ex.Message)}"]);
        }
        using (document)
        {
            var reader = new Reader(source, jsonPaths: true, baseDirectory, environment);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                reader.Error([], $"expected an object with an \"{McpServersConfig.SectionName}\" (Claude Desktop) or \"{VsCodeSectionName}\" (VS Code) property, got {Describe(root)}");
                return reader.Build();
            }
            var hasClaude = reader.TryGet(root, McpServersConfig.SectionName, out var claudeServers);
            var hasVsCode = reader.TryGet(root, VsCodeSectionName, out var vsCodeServers);
            if (reader.TryGet(root, "inputs", out var inputs))
            {
                reader.ReadInputs(inputs, ["inputs"]);
            }
            foreach (var property in root.EnumerateObject())
            {
                if (!RootKeys.Contains(property.Name))
                {
                    reader.Warn([property.Name], "ignored: not an MCP server setting WorkflowStudio reads");
                }
            }
            if (hasClaude && hasVsCode)
            {
                reader.Error([], $"has both \"{McpServersConfig.SectionName}\" and \"{VsCodeSectionName}\"; keep one list of servers (move the entries of one into the other)");
            }
            else if (hasClaude)
            {
                reader.ReadServers(claudeServers, [McpServersConfig.SectionName]);
            }
            else if (hasVsCode)
            {
                reader.ReadServers(vsCodeServers, [VsCodeSectionName]);
            }
            else
            {
                reader.Error([], $"missing the list of servers: add \"{McpServersConfig.SectionName}\" (Claude Desktop's shape) or \"{VsCodeSectionName}\" (VS Code's .vscode/mcp.json shape), an object mapping server names to their settings");
            }
            return reader.Build();
        }
    }

    public static McpServersConfig ReadConfiguration(IConfigurationSection section, string baseDirectory, Func<string, string?> environment)
    {
        if (!section.Exists())
        {
            return McpServersConfig.Empty;
        }
        var json = new StringBuilder();
        WriteSection(section, json);
        using var document = JsonDocument.Parse(json.ToString());
        var reader = new Reader("configuration", jsonPaths: false, baseDirectory, environment);
        reader.ReadServers(document.RootElement, [McpServersConfig.SectionName]);
        return reader.Build();
    }

    /// <summary>Configuration sections become JSON: numbered children (0, 1, …) an array, other children an object, leaves strings.</summary>
    private static void WriteSection(IConfigurationSection section, StringBuilder json)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            json.Append(section.Value is null ? "null" : JsonSerializer.Serialize(section.Value));
            return;
        }
        var indices = children.Select(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).ToList();
        if (indices.Order().SequenceEqual(Enumerable.Range(0, children.Count)))
        {
            json.Append('[');
            foreach (var (child, index) in children.Zip(indices).OrderBy(p => p.Second))
            {
                json.Append(index == 0 ? "" : ",");
                WriteSection(child, json);
            }
            json.Append(']');
            return;
        }
        json.Append('{');
        for (var i = 0; i < children.Count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(JsonSerializer.Serialize(children[i].Key)).Append(':');
            WriteSection(children[i], json);
        }
        json.Append('}');
    }

    private static string WithoutPosition(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                message = message[..at];
            }
        }
        return message.TrimEnd();
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    [GeneratedRegex(@"\$\{([^}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainJsonName();
}
