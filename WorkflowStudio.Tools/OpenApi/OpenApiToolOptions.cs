namespace WorkflowStudio.Tools.OpenApi;

/// <summary>
/// OpenAPI documents whose operations are served as tools of the server <c>openapi</c> (configuration section
/// <c>Tools:OpenApi</c>): <c>Tools:OpenApi:Apis:NAME:Source</c> (a JSON file path or URL), optional <c>BaseUrl</c> and
/// <c>Authorization</c> (a header value, from configuration or environment only). Documents imported at run time with
/// <c>builtin/openapi_import</c> are added to these. Calls go only to hosts allowed by <c>Tools:Http:AllowedHosts</c>.
/// </summary>
public sealed class OpenApiToolOptions
{
    public const string SectionName = "Tools:OpenApi";
    public const string ServerName = "openapi";
    public const int DefaultMaxExpandedNodes = 200_000;
    public const long DefaultMaxExpandedBytes = 16L * 1024 * 1024;
    public const double DefaultMaxExpansionSeconds = 10;

    public Dictionary<string, OpenApiSourceOptions> Apis { get; set; } = new(StringComparer.Ordinal);

    /// <summary>At most this many JSON nodes once a document's <c>$ref</c>s are inlined (all its operations together).</summary>
    public int MaxExpandedNodes { get; set; } = DefaultMaxExpandedNodes;

    /// <summary>At most this many characters of names and values once a document's <c>$ref</c>s are inlined.</summary>
    public long MaxExpandedBytes { get; set; } = DefaultMaxExpandedBytes;

    /// <summary>Inlining one document's <c>$ref</c>s stops with an error after this many seconds.</summary>
    public double MaxExpansionSeconds { get; set; } = DefaultMaxExpansionSeconds;
}
