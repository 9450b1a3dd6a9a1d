using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Web.Hosting;

namespace WorkflowStudio.Tests.Api;

/// <summary>A real studio host on Kestrel (127.0.0.1:0, temp data directory) with helpers to make tenants, keys and clients.</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly string _root;
    private readonly List<HttpClient> _clients = [];

    private ApiHost(WebApplication app, string root, Uri address)
    {
        App = app;
        _root = root;
        Address = address;
    }

    public WebApplication App { get; }
    public Uri Address { get; }
    public string FilesRoot => Path.Combine(_root, "files");

    /// <summary>A non-default tenant's files root: <c>&lt;files root&gt;/.tenants/ID</c>.</summary>
    public string FilesRootOf(string tenant) => Path.Combine(FilesRoot, ".tenants", tenant);
    public IServiceProvider Services => App.Services;
    public ITenantDirectory Tenants => Services.GetRequiredService<ITenantDirectory>();

    public static async Task<ApiHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "wfs-api", Guid.NewGuid().ToString("N"));
        var configuration = new Dictionary<string, string?>
        {
            [StudioConfigurationKeys.Urls] = "http://127.0.0.1:0",
            [StudioConfigurationKeys.DataDir] = Path.Combine(root, "data"),
            ["Tools:Files:Root"] = Path.Combine(root, "files"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics"] = "None",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }
        var app = StudioWebHost.Build(configuration);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ApiHost(app, root, new Uri(address));
    }

    /// <summary>A tenant (created when new) and a key of the given role; the client sends it as a bearer token.</summary>
    public async Task<HttpClient> ClientAsync(string tenant, string role = TenantRoles.Editor, string? tier = null)
    {
        await Tenants.EnsureTenantAsync(tenant, tier);
        var key = await Tenants.CreateApiKeyAsync(tenant, role, "test");
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
        return client;
    }

    public async Task<string> KeyAsync(string tenant, string role = TenantRoles.Editor)
    {
        await Tenants.EnsureTenantAsync(tenant);
        return (await Tenants.CreateApiKeyAsync(tenant, role, "test")).Secret;
    }

    public HttpClient Anonymous(bool followRedirects = true)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = followRedirects }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}

/// <summary>Request bodies and answers.</summary>
internal static class ApiJson
{
    public static JsonContent Body(object value) => JsonContent.Create(value);

    public static StringContent Raw(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>A workflow in our format: echo nodes (a chain when <paramref name="chain"/>), for tests that need a quick run.</summary>
    public static object Echo(string name, int nodes = 1, bool chain = true) => new
    {
        name,
        nodes = Enumerable.Range(0, nodes).Select(i => new Dictionary<string, object>
        {
            ["id"] = $"n{i}", ["tool"] = "builtin/echo", ["args"] = new { value = $"v{i}" },
            ["dependsOn"] = chain && i > 0 ? new[] { $"n{i - 1}" } : Array.Empty<string>(),
        }).ToArray(),
    };
}
