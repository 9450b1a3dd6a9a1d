using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Web.Auth;
using static Microsoft.Playwright.Assertions;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Browser;

/// <summary>
/// A studio with sign-in (an initial admin, an editor and a viewer of tenant globex, a run of tenant acme), in Debian's
/// chromium: the live circuit acts as the signed-in user's tenant and role.
/// </summary>
public sealed class TenantBrowserTests : IClassFixture<TenantBrowserTests.SignedInStudio>
{
    private const string Password = "a long enough password";
    private const string Workflow = """
        { "name": "globex-flow", "nodes": [ { "id": "hello", "tool": "builtin/echo", "args": { "value": "hi" } } ] }
        """;

    private readonly SignedInStudio _studio;
    private readonly List<string> _consoleErrors = [];

    public TenantBrowserTests(SignedInStudio studio) => _studio = studio;

    [Fact]
    public async Task Editor_RunsUnderTheirTenant_AndAnotherTenantsRunIsNotFound()
    {
        var page = await SignInAsync("bob");
        await StudioBrowserFixture.GotoAsync(page, "studio");
        await page.GetByTestId("import-toggle").ClickAsync();
        await page.Locator("textarea[data-testid=import-json]").FillAsync(Workflow);
        await page.GetByTestId("import-button").ClickAsync();
        await page.GetByTestId("run-button").ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "success");
        var runId = (await page.GetByTestId("run-link").GetAttributeAsync("href"))!.Split('/')[^1];
        var run = await _studio.Fixture.App.Services.GetRequiredService<IRunReader>().GetRunAsync(runId);
        Assert.Equal("globex", run!.TenantId);

        // Inside the circuit (no full page load): the runs list and the run page know only globex. The imported workflow
        // was never saved, so leaving asks first; the user says leave.
        var asked = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await page.GetByRole(AriaRole.Link, new() { Name = "Runs" }).ClickAsync();
        await Expect(page.Locator($"[data-testid=run-row][data-run-id='{runId}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-testid=run-row][data-run-id='{_studio.AcmeRunId}']")).ToHaveCountAsync(0);
        Assert.Equal([WorkflowStudio.Web.Components.Canvas.UnsavedChangesGuard.Question], asked);
        await page.EvaluateAsync("id => Blazor.navigateTo('runs/' + id)", _studio.AcmeRunId);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Not found");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task Viewer_CannotSaveOrRun_AndAdminIsRefusedInsideTheApp()
    {
        var page = await SignInAsync("vic");
        await StudioBrowserFixture.GotoAsync(page, "studio");
        await page.GetByTestId("import-toggle").ClickAsync();
        await page.Locator("textarea[data-testid=import-json]").FillAsync(Workflow);
        await page.GetByTestId("import-button").ClickAsync();

        await Expect(page.GetByTestId("run-button")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("save-button")).ToBeDisabledAsync();
        await page.EvaluateAsync("() => Blazor.navigateTo('admin')");
        await Expect(page.GetByTestId("not-authorized")).ToBeVisibleAsync();
        Assert.Empty(_consoleErrors);
    }

    private async Task<IPage> SignInAsync(string user)
    {
        var page = await _studio.Fixture.NewPageAsync(_consoleErrors);
        await page.GotoAsync("login");
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/");
        return page;
    }

    /// <summary>The browser fixture with sign-in, the users and another tenant's run.</summary>
    public sealed class SignedInStudio : IAsyncLifetime
    {
        internal StudioBrowserFixture Fixture { get; } = new(new Dictionary<string, string?>
        {
            ["Auth:InitialAdmin:UserName"] = "root",
            ["Auth:InitialAdmin:Password"] = "correct horse battery",
        });

        internal string AcmeRunId { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            await Fixture.InitializeAsync();
            var services = Fixture.App.Services;
            var tenants = services.GetRequiredService<ITenantDirectory>();
            await tenants.EnsureTenantAsync("acme");
            await tenants.EnsureTenantAsync("globex");
            await tenants.CreateUserAsync("globex", "bob", StudioPasswords.Hash(Password), TenantRoles.Editor);
            await tenants.CreateUserAsync("globex", "vic", StudioPasswords.Hash(Password), TenantRoles.Viewer);
            var coordinator = services.GetRequiredService<IRunCoordinator>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            AcmeRunId = await coordinator.StartAsync(Of(Node("secret")), new Dictionary<string, JsonElement>(), new TenantId("acme"), cancellationToken: timeout.Token);
            await coordinator.WaitAsync(AcmeRunId, cancellationToken: timeout.Token);
        }

        public Task DisposeAsync() => Fixture.DisposeAsync();
    }
}
