using System.Net;

namespace WorkflowStudio.Tests.Studio.Tenants;

/// <summary>
/// The studio pages and downloads as a signed-in user of one tenant (bob, globex) next to another (alice, acme): the server
/// renders only bob's tenant's data, and alice's ids look like ids that do not exist.
/// </summary>
public sealed class TenantPagesTests : IClassFixture<TwoTenantStudioFixture>, IAsyncLifetime
{
    private readonly TwoTenantStudio _studio;
    private HttpClient _bob = default!;

    public TenantPagesTests(TwoTenantStudioFixture fixture) => _studio = fixture.Studio;

    public async Task InitializeAsync() => _bob = await _studio.BrowserAsync(_studio.Globex);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RunsPage_ListsOnlyTheUsersTenantsRuns()
    {
        var html = await _bob.GetStringAsync(new Uri("/runs", UriKind.Relative));

        Assert.Contains($"data-run-id=\"{_studio.Globex.FinishedRunId}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-run-id=\"{_studio.Globex.WaitingRunId}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(_studio.Acme.FinishedRunId, html, StringComparison.Ordinal);
        Assert.DoesNotContain(_studio.Acme.WaitingRunId, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDetail_AnotherTenantsRun_IsTheNotFoundPage()
    {
        using var theirs = await _bob.GetAsync(new Uri($"/runs/{_studio.Acme.FinishedRunId}", UriKind.Relative));
        using var mine = await _bob.GetAsync(new Uri($"/runs/{_studio.Globex.FinishedRunId}", UriKind.Relative));
        var theirHtml = await theirs.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Contains("Not found", theirHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(_studio.Acme.WorkflowName, theirHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("acme secret", theirHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains(_studio.Globex.WorkflowName, await mine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StudioPage_AnotherTenantsWorkflow_IsTheNotFoundPage()
    {
        using var theirs = await _bob.GetAsync(new Uri($"/workflows/{_studio.Acme.WorkflowId}", UriKind.Relative));
        using var mine = await _bob.GetAsync(new Uri($"/workflows/{_studio.Globex.WorkflowId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.DoesNotContain(_studio.Acme.WorkflowName, await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains(_studio.Globex.WorkflowName, await mine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchedulesPage_ShowsOnlyTheTenantsWorkflowsAndSchedules()
    {
        var html = await _bob.GetStringAsync(new Uri("/schedules", UriKind.Relative));

        Assert.Contains($"data-schedule-id=\"{_studio.Globex.ScheduleId}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(_studio.Acme.ScheduleId, html, StringComparison.Ordinal);
        Assert.DoesNotContain(_studio.Acme.WorkflowName, html, StringComparison.Ordinal);
        Assert.DoesNotContain(_studio.Acme.WorkflowId, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/runs/{0}/result.json", true)]
    [InlineData("/workflows/{0}/workflow.json", false)]
    public async Task Downloads_AnotherTenantsIds_Answer404(string pattern, bool run)
    {
        var theirs = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, run ? _studio.Acme.FinishedRunId : _studio.Acme.WorkflowId);
        var mine = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, run ? _studio.Globex.FinishedRunId : _studio.Globex.WorkflowId);

        using var denied = await _bob.GetAsync(new Uri(theirs, UriKind.Relative));
        using var allowed = await _bob.GetAsync(new Uri(mine, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        Assert.DoesNotContain("acme secret", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("globex secret", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsagePage_ShowsTheTenantsSpendOnly()
    {
        var html = await _bob.GetStringAsync(new Uri("/usage", UriKind.Relative));

        Assert.Contains("globex", html, StringComparison.Ordinal);
        Assert.Contains($"data-key=\"{_studio.Globex.WorkflowId}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(_studio.Acme.WorkflowId, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageCsv_WithTheBrowserCookie_ExportsTheTenantsLinesOnly()
    {
        using var response = await _bob.GetAsync(new Uri("/usage/usage.csv", UriKind.Relative));
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("day,workflow_id,tool,kind,quantity,cost_usd\n", csv, StringComparison.Ordinal);
        Assert.Contains($",{_studio.Globex.WorkflowId},builtin/echo,tool_call,1,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(_studio.Acme.WorkflowId, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageCsv_WithoutSignIn_RedirectsToLogin()
    {
        using var response = await _studio.Host.Anonymous(followRedirects: false).GetAsync(new Uri("/usage/usage.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPage_ForTheAdmin_ShowsUsageAndCostOfEveryTenant_AndIsRefusedToEditors()
    {
        var admin = await _studio.AdminBrowserAsync();

        var html = await admin.GetStringAsync(new Uri("/admin", UriKind.Relative));
        using var refused = await _bob.GetAsync(new Uri("/admin", UriKind.Relative));

        Assert.Contains("data-tenant=\"acme\"", html, StringComparison.Ordinal);
        Assert.Contains("data-tenant=\"globex\"", html, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/hangfire/recurring")]
    public async Task OperatorPages_ForAnotherTenantsAdmin_AreRefused(string path)
    {
        var globexAdmin = await _studio.Host.ClientAsync(_studio.Globex.Tenant, Engine.Tenancy.TenantRoles.Admin);
        var operatorBrowser = await _studio.AdminBrowserAsync();

        using var refused = await globexAdmin.GetAsync(new Uri(path, UriKind.Relative));
        using var allowed = await operatorBrowser.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain(_studio.Acme.Tenant, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
