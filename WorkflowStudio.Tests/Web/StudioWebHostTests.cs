using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Web.Hosting;

namespace WorkflowStudio.Tests.Web;

public sealed class StudioWebHostTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"studio-web-{Guid.NewGuid():N}", "data");
    private readonly HttpClient _client = new();
    private WebApplication _app = default!;

    public async Task InitializeAsync()
    {
        _app = StudioWebHost.Build(new Dictionary<string, string?>
        {
            [StudioConfigurationKeys.Urls] = "http://127.0.0.1:0",
            [StudioConfigurationKeys.DataDir] = _dataDirectory,
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        _client.BaseAddress = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true);
    }

    [Fact]
    public async Task Health_WithWritableDataDirectory_ReturnsHealthyJson()
    {
        using var response = await _client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var check = Assert.Single(body.RootElement.GetProperty("checks").EnumerateArray(),
            c => c.GetProperty("name").GetString() == "data-directory");
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.Contains(_dataDirectory, check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_WhenDataDirectoryIsGone_ReturnsUnhealthy()
    {
        Directory.Delete(_dataDirectory, recursive: true);

        using var response = await _client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Home_RendersTheAppShell()
    {
        var html = await _client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("WorkflowStudio", html, StringComparison.Ordinal);
        Assert.Contains("_framework/blazor.web", html, StringComparison.Ordinal);
        Assert.Contains("_content/MudBlazor/MudBlazor.min", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CreatesTheDataDirectory() => Assert.True(Directory.Exists(_dataDirectory));
}
