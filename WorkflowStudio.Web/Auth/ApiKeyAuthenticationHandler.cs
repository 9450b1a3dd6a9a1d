using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Web.Auth;

/// <summary>
/// <c>Authorization: Bearer KEY</c> or <c>X-Api-Key: KEY</c>: the key's hash is looked up; a revoked or unknown key fails.
/// Challenges and forbids answer RFC 9457 problem details, never a redirect.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ITenantDirectory tenants)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }
        var info = await tenants.AuthenticateAsync(key, Context.RequestAborted);
        return info is null
            ? AuthenticateResult.Fail("The API key is unknown or revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(StudioClaims.ForKey(info, Scheme.Name), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"WorkflowStudio\"";
        var failed = ReadKey(Request) is not null;
        await ProblemWriter.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            failed
                ? "The API key is unknown or revoked; create one with 'studio apikey create --tenant NAME'."
                : "This endpoint needs an API key: send 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemWriter.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden",
            $"The key's role ({Context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value ?? "none"}) may not do this; an editor or admin key may.");

    internal static string? ReadKey(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[BearerPrefix.Length..].Trim();
        }
        var header = request.Headers[StudioAuthSchemes.ApiKeyHeader].ToString();
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }
}
