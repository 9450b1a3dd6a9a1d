namespace WorkflowStudio.Web.Mcp;

/// <summary>Configuration section <c>Mcp</c>: the hosts <c>/mcp</c> answers to (DNS-rebinding protection) and its limits.</summary>
public sealed class McpEndpointOptions
{
    public const string SectionName = "Mcp";
    public const int DefaultMaxResourceBytes = 10 * 1024 * 1024;

    /// <summary>Host names (as in the Host and Origin headers) the endpoint accepts; empty: derived from the listen addresses.</summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>The largest run file resources/read answers (base64 makes a binary one a third larger); larger ones are downloaded.</summary>
    public int MaxResourceBytes { get; set; } = DefaultMaxResourceBytes;

    internal HashSet<string>? AllowedHostSet { get; set; }
}
