namespace WorkflowStudio.Tools.Http;

/// <summary>What <c>builtin/http_get</c> and <c>builtin/http_request</c> may reach (configuration section <c>Tools:Http</c>).</summary>
public sealed class HttpToolOptions
{
    public const string SectionName = "Tools:Http";
    public const double DefaultTimeoutSeconds = 30;
    public const int DefaultMaxResponseBytes = 1024 * 1024;

    /// <summary>
    /// Hosts that may be called: exact names (<c>api.example.com</c>, <c>127.0.0.1</c>, <c>localhost</c>) or
    /// <c>*.example.com</c> for subdomains. Empty (the default): no host may be called.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Private, loopback and link-local addresses are refused unless the host is listed by its exact name
    /// (not a wildcard), or this is true.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    public double TimeoutSeconds { get; set; } = DefaultTimeoutSeconds;

    /// <summary>Bodies larger than this are cut, with <c>truncated: true</c> and a note.</summary>
    public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;
}
