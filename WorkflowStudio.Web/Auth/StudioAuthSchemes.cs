namespace WorkflowStudio.Web.Auth;

/// <summary>Authentication schemes: API keys for <c>/api</c> and <c>/mcp</c>, a cookie for the browser, and the selector between them.</summary>
public static class StudioAuthSchemes
{
    public const string ApiKey = "ApiKey";
    public const string Cookie = "StudioCookie";
    public const string Selector = "Studio";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string CookieName = "wfs.auth";

    /// <summary>Paths answered with 401/403 problem details and authenticated by API key only (never by cookie: no CSRF).</summary>
    internal static bool IsApiPath(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/mcp", StringComparison.OrdinalIgnoreCase);
}
