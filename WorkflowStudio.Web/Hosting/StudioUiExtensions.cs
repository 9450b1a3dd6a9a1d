using WorkflowStudio.Engine.Scheduling;
using WorkflowStudio.Engine.Workflows.Store;
using WorkflowStudio.Engine.Runs.Statistics;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowStudio.Web.Components.Pages;
using WorkflowStudio.Web.Hubs;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Web.Hosting;

/// <summary>The studio's services and endpoints: saved workflows, schedules, monitoring, the runs hub, downloads, Hangfire's dashboard.</summary>
internal static class StudioUiExtensions
{
    public static IServiceCollection AddStudioUi(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddHostedService<RunEventRelay>();
        services.AddSingleton<IRunEventReplay, RunEventReplay>();
        services.AddWorkflowStudioWorkflowStore();
        services.AddWorkflowStudioScheduling();
        services.AddWorkflowStudioRunStatistics();
        services.TryAddSingleton<AdminDashboard>();
        services.AddScoped<StudioTenant>();
        services.AddCascadingAuthenticationState();

        // What Hangfire's dashboard endpoint needs, without AddHangfire: that would configure Hangfire's static
        // GlobalConfiguration (log provider, activator) from this host. The marker instance is left untouched;
        // the dashboard reads the engine's JobStorage, passed explicitly below.
        services.TryAddSingleton<IGlobalConfiguration>(_ => GlobalConfiguration.Configuration);
        services.TryAddSingleton(_ => DashboardRoutes.Routes);
        return services;
    }

    public static IEndpointRouteBuilder MapStudioUi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<RunsHub>(RunsHub.Path);
        endpoints.MapGet("/runs/{runId}/result.json", RunDownloads.ResultAsync);
        endpoints.MapGet("/workflows/{workflowId}/workflow.json", RunDownloads.WorkflowAsync);
        endpoints.MapGet(RunDownloads.ArtefactRoute, RunDownloads.ArtefactAsync);
        endpoints.MapGet(Api.UsageApi.BrowserCsvPath, Api.UsageApi.BrowserCsvAsync);

        // Hangfire's own dashboard: read-only, answered only for requests from this machine, and only for admins
        // (or anyone while no user exists yet, like the rest of the local studio).
        endpoints.MapHangfireDashboard(AdminPage.HangfireDashboardPath, HangfireDashboardOptions(),
            endpoints.ServiceProvider.GetRequiredService<JobStorage>())
            .RequireAuthorization(Auth.StudioPolicies.StudioAdmin);
        return endpoints;
    }

    internal static DashboardOptions HangfireDashboardOptions() => new()
    {
        Authorization = [new LocalRequestsOnlyAuthorizationFilter()],
        IsReadOnlyFunc = _ => true,
        AppPath = "/admin",
        DashboardTitle = "WorkflowStudio · Hangfire",
        DisplayStorageConnectionString = false,
    };
}
