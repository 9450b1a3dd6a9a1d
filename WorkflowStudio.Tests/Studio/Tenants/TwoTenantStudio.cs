using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Scheduling;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Web.Auth;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Workflows.Store;

namespace WorkflowStudio.Tests.Studio.Tenants;

/// <summary>
/// A real studio host with two tenants, each with an editor user, a saved workflow, a finished (billed) run, a run
/// waiting for approval and a schedule; browser clients signed in through <c>/login</c>, and bUnit contexts acting as a user.
/// </summary>
internal sealed class TwoTenantStudio : IAsyncDisposable
{
    public const string Password = "a long enough password";
    private const string AdminUser = "root";
    private const string AdminPassword = "correct horse battery";

    private TwoTenantStudio(ApiHost host, TenantData acme, TenantData globex)
    {
        Host = host;
        Acme = acme;
        Globex = globex;
    }

    public ApiHost Host { get; }
    public TenantData Acme { get; }
    public TenantData Globex { get; }
    public IServiceProvider Services => Host.Services;

    public static async Task<TwoTenantStudio> StartAsync()
    {
        var host = await ApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:InitialAdmin:UserName"] = AdminUser,
            ["Auth:InitialAdmin:Password"] = AdminPassword,
        });
        var acme = await SeedAsync(host, "acme", "alice");
        var globex = await SeedAsync(host, "globex", "bob");
        return new TwoTenantStudio(host, acme, globex);
    }

    private static async Task<TenantData> SeedAsync(ApiHost host, string tenant, string user)
    {
        var services = host.Services;
        await host.Tenants.EnsureTenantAsync(tenant);
        await host.Tenants.CreateUserAsync(tenant, user, StudioPasswords.Hash(Password), TenantRoles.Editor);
        var name = $"{tenant}-flow";
        var workflow = new WorkflowDefinition
        {
            Name = name,
            Nodes = [new WorkflowNode { Id = "hello", Tool = "builtin/echo", Args = JsonSerializer.SerializeToElement(new { value = $"{tenant} secret" }) }],
        };
        var saved = await services.GetRequiredService<IWorkflowStore>().SaveAsync(null, workflow, tenantId: tenant);
        var coordinator = services.GetRequiredService<IRunCoordinator>();
        var none = new Dictionary<string, JsonElement>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var finished = await coordinator.StartAsync(workflow, none, new TenantId(tenant), saved.Id, cancellationToken: timeout.Token);
        await coordinator.WaitAsync(finished, cancellationToken: timeout.Token);
        await services.GetRequiredService<IUsageLedger>().RecordRunAsync(finished, timeout.Token);
        var waitingWorkflow = workflow with
        {
            Name = $"{tenant}-gated",
            Nodes = [workflow.Nodes[0] with { Id = "gate", Approval = WorkflowNode.ApprovalRequired }],
        };
        var waiting = await coordinator.StartAsync(waitingWorkflow, none, new TenantId(tenant), cancellationToken: timeout.Token);
        var runs = services.GetRequiredService<IRunReader>();
        while ((await runs.GetRunAsync(waiting, timeout.Token))!.Status != RunStatus.AwaitingApproval)
        {
            await Task.Delay(20, timeout.Token);
        }
        var schedule = await services.GetRequiredService<IScheduleService>().CreateAsync(
            new ScheduleDraft { WorkflowId = saved.Id, Cron = "0 3 * * *" }, timeout.Token);
        return new TenantData(tenant, user, saved.Id, name, finished, waiting, schedule.Id);
    }

    /// <summary>A browser (cookie jar, no redirects followed) signed in as <paramref name="user"/>.</summary>
    public async Task<HttpClient> BrowserAsync(TenantData user) => (await SignInAsync(user.User, Password)).Browser;

    /// <summary>A browser signed in as the initial admin (<c>root</c>, tenant <c>default</c>).</summary>
    public async Task<HttpClient> AdminBrowserAsync() => (await SignInAsync(AdminUser, AdminPassword)).Browser;

    /// <summary>The sign-in cookie (<c>name=value</c>) of a fresh sign-in as <paramref name="user"/>, for clients without a cookie jar.</summary>
    public async Task<string> CookieAsync(TenantData user) => (await SignInAsync(user.User, Password)).Cookie;

    private async Task<(HttpClient Browser, string Cookie)> SignInAsync(string user, string password)
    {
        var browser = Host.Anonymous(followRedirects: false);
        var form = await browser.GetStringAsync(new Uri("/login", UriKind.Relative));
        var token = Regex.Match(form, "name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1));
        using var response = await browser.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups[1].Value] = WebUtility.HtmlDecode(token.Groups[2].Value), ["userName"] = user, ["password"] = password, ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(StudioAuthSchemes.CookieName + "=", StringComparison.Ordinal));
        return (browser, cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
    }

    /// <summary>A bUnit context whose components act as <paramref name="user"/> (its tenant and <paramref name="role"/>) on this host's services.</summary>
    public BunitContext ComponentsAs(TenantData user, string role = TenantRoles.Editor) =>
        ComponentTestContext.ForStudio(Services, user.User, user.Tenant, role);

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
