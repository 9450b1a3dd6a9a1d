using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Tools;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Web.Api;
using WorkflowStudio.Web.Auth;
using WorkflowStudio.Web.Studio;
using WorkflowStudio.Engine.Workflows.Store;

namespace WorkflowStudio.Tests.Studio;

/// <summary>A bUnit context with MudBlazor's services, loose JS interop and a popover provider (selects, menus).</summary>
internal static class ComponentTestContext
{
    /// <param name="services">Adds the component's own services (before anything is rendered).</param>
    public static BunitContext Create(Action<IServiceCollection>? services = null)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        services?.Invoke(context.Services);
        context.Render<MudPopoverProvider>();
        return context;
    }

    /// <summary>
    /// A context on a real studio host's services (stores, coordinator, ...) with <see cref="StudioTenant"/>, acting as
    /// <paramref name="user"/> of <paramref name="tenant"/> with <paramref name="role"/>; anonymous (the open studio) when
    /// <paramref name="user"/> is null.
    /// </summary>
    /// <param name="services">Adds services the component pulls from its <see cref="IServiceProvider"/> (optional ones, such as the planner), before anything renders.</param>
    public static BunitContext ForStudio(IServiceProvider host, string? user = null, string tenant = Tenant.DefaultId, string role = TenantRoles.Editor,
        Action<IServiceCollection>? services = null)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        // The fallback provider answers components' own injections, not constructor dependencies: wire these explicitly.
        context.Services.AddScoped(sp => new StudioTenant(sp.GetRequiredService<AuthenticationStateProvider>(),
            host.GetRequiredService<RunFrontDoor>(), host.GetRequiredService<IWorkflowStore>(), host.GetRequiredService<IScheduleService>(),
            host.GetRequiredService<IAuditLog>(), host.GetRequiredService<UserPresence>(), host.GetRequiredService<IToolCatalog>()));
        services?.Invoke(context.Services);
        context.Services.AddFallbackServiceProvider(host);
        var authorization = context.AddAuthorization();
        if (user is not null)
        {
            authorization.SetAuthorized(user);
            authorization.SetRoles(role);
            authorization.SetClaims(new Claim(StudioClaims.Tenant, tenant));
        }
        context.Render<MudPopoverProvider>();
        return context;
    }
}
