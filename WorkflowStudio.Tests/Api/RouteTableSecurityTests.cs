using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tenancy;
using static WorkflowStudio.Tests.Api.ApiJson;

namespace WorkflowStudio.Tests.Api;

/// <summary>
/// Table-driven over the host's whole route table: a new endpoint is covered the day it is mapped, and a test fails
/// when it is anonymous without being listed here, or when it has a route parameter this table cannot fill.
/// </summary>
public sealed class RouteTableSecurityTests : IAsyncLifetime
{
    /// <summary>The only endpoints anyone may call without a key or sign-in, and why.</summary>
    private static readonly Dictionary<string, string> Anonymous = new(StringComparer.Ordinal)
    {
        ["/health"] = "load balancers probe it",
        ["/login"] = "the sign-in form and its post",
        ["/openapi/{documentName}.json"] = "the public API description",
        ["/api-reference/{documentName?}"] = "the API reference UI over that description",
        ["/hooks/{hookId}"] = "webhook deliveries: the HMAC signature is the authentication (WebhooksApiTests)",
    };

    private ApiHost _host = default!;
    private Seeded _a = default!;
    private string _hookId = "";

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync();
        // A user exists: from now on the studio UI needs a sign-in too.
        await _host.Tenants.CreateUserAsync(Tenant.DefaultId, "admin", WorkflowStudio.Web.Auth.StudioPasswords.Hash("a long password!"), TenantRoles.Admin);
        _a = await Seeded.CreateAsync(_host);
        using var hook = await _a.Client.PostAsync(new Uri($"/api/workflows/{_a.WorkflowId}/hooks", UriKind.Relative), Body(new { }));
        _hookId = (await ReadAsync(hook)).GetProperty("hook").GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task EveryEndpoint_WithoutCredentials_AnswersUnauthorizedOrSignIn()
    {
        var anonymous = _host.Anonymous(followRedirects: false);
        var checkedCount = 0;
        foreach (var (endpoint, method, path) in Routes())
        {
            if (IsAnonymous(endpoint))
            {
                continue;
            }
            using var response = await SendAsync(anonymous, method, path);
            var api = path.StartsWith("/api", StringComparison.Ordinal) || path.StartsWith("/mcp", StringComparison.Ordinal);
            if (api)
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode} without a key");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
            else
            {
                Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect,
                    $"{method} {path} answered {(int)response.StatusCode} without a sign-in");
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
                }
            }
            checkedCount++;
        }
        Assert.True(checkedCount >= 20, $"only {checkedCount} endpoints were checked; is the route table complete?");
    }

    [Fact]
    public async Task EveryApiEndpoint_WithAnotherTenantsAdminKey_AnswersNotFoundAndListsNothingOfTheirs()
    {
        var other = await _host.ClientAsync("tenant-b", TenantRoles.Admin);
        foreach (var (_, method, path) in Routes().Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            using var response = await SendAsync(other, method, path);
            var body = await response.Content.ReadAsStringAsync();
            if (path.Contains(_a.RunId, StringComparison.Ordinal) || path.Contains(_a.WorkflowId, StringComparison.Ordinal) || path.Contains(_a.KeyId, StringComparison.Ordinal))
            {
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} answered {(int)response.StatusCode} to another tenant");
                continue;
            }
            Assert.DoesNotContain(_a.RunId, body, StringComparison.Ordinal);
            Assert.DoesNotContain(_a.WorkflowId, body, StringComparison.Ordinal);
            Assert.DoesNotContain(_a.KeyPrefix, body, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal); // never a stack trace
        }
    }

    [Fact]
    public async Task EveryWritingApiEndpoint_WithAViewerKey_AnswersForbidden()
    {
        var viewer = await _host.ClientAsync(_a.Tenant, TenantRoles.Viewer);
        // POST /api/plan plans a request without running or storing anything: a viewer may ask it.
        string[] reads = ["POST /api/plan"];
        var writes = Routes().Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal) && (r.Method != "GET" || r.Path.StartsWith("/api/admin", StringComparison.Ordinal))
            && !reads.Contains($"{r.Method} {r.Path}")).ToList();
        Assert.NotEmpty(writes);
        foreach (var (_, method, path) in writes)
        {
            using var response = await SendAsync(viewer, method, path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {(int)response.StatusCode} to a viewer");
        }
    }

    [Fact]
    public async Task RevokedKey_IsRefusedAtOnce()
    {
        var key = await _host.KeyAsync(_a.Tenant);
        var client = _host.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/runs", UriKind.Relative))).StatusCode);

        Assert.True(await _host.Tenants.RevokeApiKeyAsync(key[..Engine.Tenancy.ApiKeySecrets.VisiblePrefixLength]));

        using var refused = await client.GetAsync(new Uri("/api/runs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        try
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : Raw("{}") });
            await response.Content.LoadIntoBufferAsync();
            return response;
        }
        catch (HttpRequestException exception)
        {
            Assert.Fail($"{method} {path}: {exception.Message}");
            throw;
        }
    }

    private bool IsAnonymous(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            return false;
        }
        var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
        var staticAsset = endpoint.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal))
                          || pattern.StartsWith("/api-reference/", StringComparison.Ordinal) && !pattern.Contains('{', StringComparison.Ordinal);
        Assert.True(Anonymous.ContainsKey(pattern) || staticAsset, $"{pattern} allows anonymous callers but is not in the list of anonymous endpoints");
        return true;
    }

    /// <summary>Every route endpoint with each of its methods, parameters filled with tenant A's ids.</summary>
    private IEnumerable<(RouteEndpoint Endpoint, string Method, string Path)> Routes()
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["runId"] = _a.RunId, ["nodeId"] = _a.NodeId, ["workflowId"] = _a.WorkflowId, ["keyId"] = _a.KeyId, ["hookId"] = _hookId, ["documentName"] = "v1", ["Revision"] = "1",
        };
        var sources = _host.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            if (pattern.RawText is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null && IsAnonymous(endpoint))
            {
                continue;
            }
            var path = "/" + Regex.Replace(pattern.RawText.TrimStart('/'), @"\{\*{0,2}([^}:?=]+)[^}]*\}", m =>
            {
                var name = m.Groups[1].Value;
                if (values.TryGetValue(name, out var value))
                {
                    return value;
                }
                // Optional and catch-all parameters of UI pages can stay empty; any other unknown parameter must be added above.
                Assert.True(m.Value.Contains('?', StringComparison.Ordinal) || m.Value.Contains('*', StringComparison.Ordinal),
                    $"route {pattern.RawText}: add a value for parameter '{name}' to this test");
                return "";
            }, RegexOptions.None, TimeSpan.FromSeconds(1));
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m is not ("OPTIONS" or "HEAD")).Distinct())
            {
                yield return (endpoint, method, path.Replace("//", "/", StringComparison.Ordinal));
            }
        }
    }
}
