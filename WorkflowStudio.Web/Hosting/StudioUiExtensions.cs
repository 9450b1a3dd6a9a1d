using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Web.Hubs;

namespace WorkflowStudio.Web.Hosting;

/// <summary>The studio's services and endpoints: saved workflows, schedules, the runs hub, downloads.</summary>
internal static class StudioUiExtensions
{
    public static IServiceCollection AddStudioUi(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddHostedService<RunEventRelay>();
        services.AddWorkflowStudioWorkflowStore();
        services.AddWorkflowStudioScheduling();
        return services;
    }

    public static IEndpointRouteBuilder MapStudioUi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<RunsHub>(RunsHub.Path);
        endpoints.MapGet("/runs/{runId}/result.json", RunDownloads.ResultAsync);
        endpoints.MapGet("/workflows/{workflowId}/workflow.json", RunDownloads.WorkflowAsync);
        return endpoints;
    }
}
