namespace WorkflowStudio.Web.Mcp;

/// <summary>Configuration section <c>Mcp</c>: the hosts <c>/mcp</c> answers to (DNS-rebinding protection).</summary>
public sealed class McpEndpointOptions
{
    public const string SectionName = "Mcp";

    /// <summary>Host names (as in the Host and Origin headers) the endpoint accepts; empty: derived from the listen addresses.</summary>
    public IList<string> AllowedHosts { get; } = [];

    internal HashSet<string>? AllowedHostSet { get; set; }
}
