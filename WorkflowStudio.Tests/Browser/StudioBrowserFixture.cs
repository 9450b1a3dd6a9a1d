using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowStudio.Web.Hosting;

namespace WorkflowStudio.Tests.Browser;

/// <summary>
/// One real studio host (<see cref="StudioWebHost.Build"/> on 127.0.0.1:0, temp data directory) and one Debian chromium
/// per test class. No browser is downloaded: Playwright drives <c>/usr/bin/chromium</c> (scripts/test installs it).
/// Every page records console errors; tests assert there are none.
/// </summary>
public sealed class StudioBrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "wfs-browser", Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private IPlaywright? _playwright;

    public StudioBrowserFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <param name="settings">Extra configuration of the host (e.g. <c>Auth:InitialAdmin:*</c> for a studio with sign-in).</param>
    internal StudioBrowserFixture(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    public WebApplication App { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    public Uri BaseAddress { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var configuration = new Dictionary<string, string?>
        {
            [StudioConfigurationKeys.Urls] = "http://127.0.0.1:0",
            [StudioConfigurationKeys.DataDir] = Path.Combine(_root, "data"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in _settings)
        {
            configuration[key] = value;
        }
        App = StudioWebHost.Build(configuration);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// A fresh page (own context, so no stored theme) whose console errors are collected into <paramref name="consoleErrors"/>;
    /// <paramref name="colorScheme"/> is the system preference the page sees (light by default); <paramref name="viewport"/>
    /// the window size (1440×900 by default).
    /// </summary>
    public async Task<IPage> NewPageAsync(List<string> consoleErrors, ColorScheme colorScheme = ColorScheme.Light, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1440, Height = 900 },
            ColorScheme = colorScheme,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (consoleErrors)
                {
                    consoleErrors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (consoleErrors)
            {
                consoleErrors.Add(error);
            }
        };
        return page;
    }

    /// <summary>Opens <paramref name="path"/> and waits until the Blazor circuit is interactive.</summary>
    public static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-testid=circuit][data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// Writes a full-window screenshot to TestResults/screenshots/ at the repository root (git-ignored) for a reviewer to
    /// look at; returns its path.
    /// </summary>
    public static Task<string> ScreenshotAsync(IPage page, string name) => ScreenshotAsync(page, name, "screenshots");

    /// <summary>Writes a full-window screenshot to TestResults/<paramref name="folder"/>/ (git-ignored); returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, string folder)
    {
        folder = Path.Combine(Tools.TestServers.RepositoryRoot, "TestResults", folder);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing pool is left to the OS temp cleaner.
        }
    }
}
