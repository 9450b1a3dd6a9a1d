namespace WorkflowStudio.Tools.OpenApi;

/// <summary>One configured OpenAPI document (<c>Tools:OpenApi:Apis:NAME</c>).</summary>
public sealed class OpenApiSourceOptions
{
    /// <summary>A JSON OpenAPI 3 document: a file path or an http(s) URL.</summary>
    public string? Source { get; set; }

    /// <summary>Overrides the document's <c>servers[0].url</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sent as the <c>Authorization</c> header of every call (a secret: configuration or environment only).</summary>
    public string? Authorization { get; set; }
}
