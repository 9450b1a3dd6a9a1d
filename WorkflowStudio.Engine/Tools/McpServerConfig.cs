using System.Text;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// One entry of the <c>mcpServers</c> configuration, already validated: relative paths are absolute and
/// <c>${VAR}</c> references are expanded. Env and header values may hold secrets: never log them.
/// </summary>
public sealed record McpServerConfig
{
    private static readonly IReadOnlyDictionary<string, string> NoEntries = new Dictionary<string, string>(StringComparer.Ordinal);

    public required string Name { get; init; }
    public required McpServerTransport Transport { get; init; }

    /// <summary>Stdio: the executable (a bare name is looked up on PATH).</summary>
    public string? Command { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    public IReadOnlyDictionary<string, string> Env { get; init; } = NoEntries;
    public string? WorkingDirectory { get; init; }

    /// <summary>HTTP: the Streamable HTTP endpoint.</summary>
    public Uri? Url { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = NoEntries;

    /// <summary>
    /// The MCP revision to ask for (<c>protocolVersion</c> in the entry), or null to prefer the newest and fall back to the
    /// <c>initialize</c> handshake for servers that predate it.
    /// </summary>
    public string? ProtocolVersion { get; init; }

    /// <summary>The revisions a <see cref="ProtocolVersion"/> may name (those the MCP SDK speaks).</summary>
    public static IReadOnlyList<string> ProtocolVersions { get; } = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"];

    /// <summary>The revision asked for when a server mishandled the newest one's <c>server/discover</c> probe.</summary>
    internal const string InitializeFallbackVersion = "2025-11-25";

    /// <summary>
    /// The command line (stdio) or the URL without its query (HTTP), safe to show in messages and logs:
    /// when loaded from configuration, <c>${VAR}</c> references are shown as written, never their values.
    /// </summary>
    public string Describe() => Display
        ?? (Transport == McpServerTransport.Http ? Url?.GetLeftPart(UriPartial.Path) ?? "(no url)" : CommandLine(Command, Args));

    /// <summary>Set by the configuration reader from the unexpanded values.</summary>
    internal string? Display { get; init; }

    internal static string CommandLine(string? command, IEnumerable<string> args)
    {
        var line = new StringBuilder(Quote(command ?? ""));
        foreach (var arg in args)
        {
            line.Append(' ').Append(Quote(arg));
        }
        return line.ToString();
    }

    private static string Quote(string value) =>
        value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? value : "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
