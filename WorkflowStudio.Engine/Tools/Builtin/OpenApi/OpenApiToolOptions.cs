namespace WorkflowStudio.Engine.Tools.Builtin.OpenApi;

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

    public Dictionary<string, OpenApiSourceOptions> Apis { get; set; } = new(StringComparer.Ordinal);
}
