using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Web.Auth;

/// <summary><c>GET/POST /login</c> (a plain form with an antiforgery token) and <c>POST /logout</c> for the browser.</summary>
internal static class LoginEndpoints
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";

    public static IEndpointRouteBuilder MapStudioLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LoginPath, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            Form(context, antiforgery, returnUrl, error: null)).AllowAnonymous().ExcludeFromDescription();
        // The token is checked in the handler, so a bad form gets its own answer rather than the status-code page.
        endpoints.MapPost(LoginPath, SignInAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        // Same check in the handler: without it another site could sign the user out with a cross-site form post.
        endpoints.MapPost(LogoutPath, SignOutAsync).DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, StudioSignIn signIn, IAuditLog audit,
        [FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem("The sign-in form has expired or did not come from this site; reload /login and try again.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid form");
        }
        var attempt = await signIn.CheckAsync(userName, password, context.Connection.RemoteIpAddress, context.RequestAborted);
        if (attempt.RetryAfter is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Form(context, antiforgery, returnUrl, $"Sign-in paused: too many failed sign-ins; try again in {seconds} s.");
        }
        if (attempt.User is not { } user)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Form(context, antiforgery, returnUrl, "Unknown user name or wrong password.");
        }
        await context.SignInAsync(StudioAuthSchemes.Cookie, StudioClaims.ForUser(user, StudioAuthSchemes.Cookie));
        await audit.RecordAsync(new AuditEntry(user.TenantId, $"user:{user.UserName}", "user.login"), context.RequestAborted);
        return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem("The sign-out request did not come from a WorkflowStudio page (no valid antiforgery token); use the Sign out button.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid form");
        }
        await context.SignOutAsync(StudioAuthSchemes.Cookie);
        return TypedResults.LocalRedirect(LoginPath);
    }

    private static IResult Form(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in · WorkflowStudio</title>
            <style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto}label,input,button{display:block;width:100%;margin:.4rem 0}
            .error{color:#b00020}</style></head>
            <body><h1>WorkflowStudio</h1>
            {{(error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}}
            <form method="post" action="{{LoginPath}}">
            <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(IsLocal(returnUrl) ? returnUrl : "/")}}">
            <label>User name <input name="userName" autocomplete="username" required autofocus></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">Sign in</button></form></body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>Only same-site paths: no scheme, no host, no protocol-relative <c>//</c> or <c>/\</c>.</summary>
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
