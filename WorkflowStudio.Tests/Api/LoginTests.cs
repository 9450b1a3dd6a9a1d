using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Api;

/// <summary>Browser sign-in: the studio is open until a user exists, then needs the cookie from <c>/login</c>.</summary>
public sealed class LoginTests : IAsyncLifetime
{
    private ApiHost _host = default!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(new Dictionary<string, string?>
    {
        ["Auth:InitialAdmin:UserName"] = "root",
        ["Auth:InitialAdmin:Password"] = "correct horse battery",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Studio_WithInitialAdmin_NeedsSignInAndAcceptsThePassword()
    {
        var browser = _host.Anonymous(followRedirects: false);
        using var before = await browser.GetAsync(new Uri("/runs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.StartsWith("/login", before.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(browser, "root", "wrong password!!")).StatusCode);
        using var signedIn = await SignInAsync(browser, "root", "correct horse battery");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/runs", signedIn.Headers.Location!.OriginalString);

        using var after = await browser.GetAsync(new Uri("/runs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        // The cookie never opens the API: that needs a key (no CSRF through the browser's cookie).
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(new Uri("/api/runs", UriKind.Relative))).StatusCode);
        var audit = await _host.Services.GetRequiredServiceAsync();
        Assert.Contains(audit, e => e.Action == "user.login" && e.Actor == "user:root");
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/hangfire")]
    public async Task AdminPages_OnceUsersExist_AreForAdminsOnly(string path)
    {
        var tenants = _host.Services.GetRequiredService<ITenantDirectory>();
        if (await tenants.FindUserAsync("watcher") is null)
        {
            await tenants.CreateUserAsync(Tenant.DefaultId, "watcher", WorkflowStudio.Web.Auth.StudioPasswords.Hash("just looking around"), TenantRoles.Viewer);
        }
        var viewer = _host.Anonymous(followRedirects: false);
        await SignInAsync(viewer, "watcher", "just looking around");
        var admin = _host.Anonymous(followRedirects: false);
        await SignInAsync(admin, "root", "correct horse battery");

        using var denied = await viewer.GetAsync(new Uri(path, UriKind.Relative));
        using var allowed = await admin.GetAsync(new Uri(path, UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_IsRefused()
    {
        var browser = _host.Anonymous(followRedirects: false);
        using var response = await browser.PostAsync(new Uri("/login", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "root", ["password"] = "correct horse battery" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Login_ReturnUrlToAnotherSite_RedirectsHome()
    {
        var browser = _host.Anonymous(followRedirects: false);
        using var response = await SignInAsync(browser, "root", "correct horse battery", "//evil.example/");
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_IsRefusedAndKeepsTheSession()
    {
        var browser = _host.Anonymous(followRedirects: false);
        await SignInAsync(browser, "root", "correct horse battery");

        // What a cross-site form post can send: the browser's cookie, but no token from our page.
        using var response = await browser.PostAsync(new Uri("/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("wfs.auth=", StringComparison.Ordinal)));
        using var after = await browser.GetAsync(new Uri("/runs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Logout_FromTheLayoutsSignOutForm_ClearsTheCookie()
    {
        var browser = _host.Anonymous(followRedirects: false);
        await SignInAsync(browser, "root", "correct horse battery");
        var page = await browser.GetStringAsync(new Uri("/runs", UriKind.Relative));
        var form = Regex.Match(page, "<form method=\"post\" action=\"/logout\"[^>]*>\\s*<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"",
            RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(form.Success, "the layout has no sign-out form with an antiforgery token");

        using var response = await browser.PostAsync(new Uri("/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [form.Groups[1].Value] = WebUtility.HtmlDecode(form.Groups[2].Value),
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("wfs.auth=;", StringComparison.Ordinal));
        using var after = await browser.GetAsync(new Uri("/runs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string user, string password, string returnUrl = "/runs")
    {
        var form = await browser.GetStringAsync(new Uri("/login", UriKind.Relative));
        var token = Regex.Match(form, "name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(token.Success, form);
        return await browser.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups[1].Value] = WebUtility.HtmlDecode(token.Groups[2].Value), ["userName"] = user, ["password"] = password, ["returnUrl"] = returnUrl,
        }));
    }
}

internal static class AuditLookup
{
    public static async Task<IReadOnlyList<AuditEntry>> GetRequiredServiceAsync(this IServiceProvider services) =>
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IAuditLog>(services).ListAsync(Tenant.DefaultId);
}
