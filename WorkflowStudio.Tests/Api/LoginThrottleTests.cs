using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Tests.Api;

/// <summary>
/// <c>/login</c> under attack: an account locks after a few failures, one address is throttled across user names, the throttle
/// answers before any password hash is computed, and an unknown user name costs the same hash work as a known one.
/// </summary>
public sealed class LoginThrottleTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private ApiHost _host = default!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(new Dictionary<string, string?>
    {
        ["Auth:InitialAdmin:UserName"] = "root",
        ["Auth:InitialAdmin:Password"] = Password,
        ["Auth:SignIn:MaxFailuresPerUser"] = "3",
        ["Auth:SignIn:MaxFailuresPerAddress"] = "6",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private StudioSignIn SignIn => _host.Services.GetRequiredService<StudioSignIn>();

    [Fact]
    public async Task Login_AfterMaxFailuresForAnAccount_LocksItEvenForTheRightPassword()
    {
        var browser = _host.Anonymous(followRedirects: false);
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await SignInAsync(browser, "root", $"wrong password {i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var locked = await SignInAsync(browser, "root", Password);
        var body = await locked.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Matches(@"too many failed sign-ins; try again in \d+ s", body);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After header");
    }

    [Fact]
    public async Task Login_LockedAccount_AnswersBeforeHashingThePassword()
    {
        var browser = _host.Anonymous(followRedirects: false);
        for (var i = 0; i < 3; i++)
        {
            (await SignInAsync(browser, "root", $"wrong password {i}")).Dispose();
        }
        var before = SignIn.PasswordHashesComputed;

        for (var i = 0; i < 5; i++)
        {
            using var refused = await SignInAsync(browser, "root", $"another guess {i}");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        Assert.Equal(before, SignIn.PasswordHashesComputed);
    }

    [Fact]
    public async Task Login_UnknownUser_ComputesTheSameHashWorkAsAKnownUser()
    {
        var browser = _host.Anonymous(followRedirects: false);

        var start = SignIn.PasswordHashesComputed;
        using var known = await SignInAsync(browser, "root", "wrong password!!");
        var afterKnown = SignIn.PasswordHashesComputed;
        using var unknown = await SignInAsync(browser, "nobody-here", "wrong password!!");
        var afterUnknown = SignIn.PasswordHashesComputed;

        Assert.Equal(HttpStatusCode.Unauthorized, known.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(1, afterKnown - start);
        Assert.Equal(1, afterUnknown - afterKnown);
        Assert.Equal(await FormErrorAsync(known), await FormErrorAsync(unknown));
    }

    [Fact]
    public async Task Login_ManyUserNamesFromOneAddress_IsThrottledPerAddress()
    {
        var browser = _host.Anonymous(followRedirects: false);
        for (var i = 0; i < 6; i++)
        {
            using var wrong = await SignInAsync(browser, $"guess-{i}", "wrong password!!");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // A seventh name (here a real user with the right password) from the same address waits out the throttle.
        using var throttled = await SignInAsync(browser, "root", Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Matches(@"too many failed sign-ins; try again in \d+ s", await throttled.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_SuccessBeforeTheLimit_ClearsTheAccountsFailures()
    {
        var browser = _host.Anonymous(followRedirects: false);
        (await SignInAsync(browser, "root", "wrong password 1")).Dispose();
        (await SignInAsync(browser, "root", "wrong password 2")).Dispose();
        using var ok = await SignInAsync(browser, "root", Password);
        (await SignInAsync(browser, "root", "wrong password 3")).Dispose();
        (await SignInAsync(browser, "root", "wrong password 4")).Dispose();

        using var again = await SignInAsync(_host.Anonymous(followRedirects: false), "root", Password);

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    private static async Task<string> FormErrorAsync(HttpResponseMessage response) =>
        Regex.Match(await response.Content.ReadAsStringAsync(), "role=\"alert\">([^<]*)<", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value;

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string user, string password)
    {
        var form = await browser.GetStringAsync(new Uri("/login", UriKind.Relative));
        var token = Regex.Match(form, "name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(token.Success, form);
        return await browser.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups[1].Value] = WebUtility.HtmlDecode(token.Groups[2].Value), ["userName"] = user, ["password"] = password, ["returnUrl"] = "/runs",
        }));
    }
}
