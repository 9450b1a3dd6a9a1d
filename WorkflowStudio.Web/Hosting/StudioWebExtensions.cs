using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;
using WorkflowStudio.Engine;
using WorkflowStudio.Web.Api;
using WorkflowStudio.Web.Auth;
using WorkflowStudio.Web.Components;
using WorkflowStudio.Web.Mcp;

namespace WorkflowStudio.Web.Hosting;

/// <summary>The composition root of the web host, as one <c>Add</c> and one <c>Map</c>.</summary>
public static class StudioWebExtensions
{
    public const string HealthPath = "/health";

    public static WebApplicationBuilder AddStudioWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var urls = builder.Configuration[StudioConfigurationKeys.Urls];
        builder.WebHost.UseUrls(string.IsNullOrWhiteSpace(urls) ? StudioConfigurationKeys.DefaultUrls : urls);

        // Serve static web assets (ours, Blazor's, MudBlazor's) from the build output in every environment,
        // not only Development; a no-op in published output, where they sit in wwwroot/.
        builder.WebHost.UseStaticWebAssets();

        var dataDirectory = StudioDataDirectory.FromConfiguration(builder.Configuration);
        Directory.CreateDirectory(dataDirectory.Path);
        builder.Services.AddSingleton(dataDirectory);

        // Antiforgery and circuit keys survive restarts and are shared by every process on this data directory.
        builder.Services.AddDataProtection()
            .SetApplicationName("WorkflowStudio")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory.Path, "keys")));

        builder.Services.AddWorkflowStudioEngine(builder.Configuration);

        builder.Services.AddBuiltinTools(); // after the engine, whose database the tools keep their data in
        builder.Services.AddStudioTelemetry(builder.Configuration);

        builder.Services.AddHealthChecks()
            .AddCheck<DataDirectoryHealthCheck>(DataDirectoryHealthCheck.Name, tags: ["ready"])
            .AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name, tags: ["ready"])
            .AddCheck<JobServerHealthCheck>(JobServerHealthCheck.Name, tags: ["ready"]);

        // Imported workflows travel from the browser over the circuit: allow messages up to the workflow size limit.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = WorkflowStudio.Engine.Workflows.WorkflowLimits.MaxJsonBytes);
        builder.Services.AddMudServices();
        builder.Services.AddStudioUi();
        builder.Services.AddStudioAuth(builder.Configuration);
        builder.Services.AddStudioApi(builder.Configuration);
        builder.Services.AddStudioMcp(builder.Configuration);
        return builder;
    }

    public static WebApplication MapStudioWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStudioApi();
        app.UseStudioMcp();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts(); // sent on HTTPS responses only
        }
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapStudioUi();
        app.MapStudioLogin();
        app.MapStudioApi();
        app.MapStudioMcp();

        LogLifetime(app);
        return app;
    }

    private static void LogLifetime(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StudioWebHost).FullName!);
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                StudioWebHostLog.Listening(logger, address);
            }
            StudioWebHostLog.UsingDataDirectory(logger, app.Services.GetRequiredService<StudioDataDirectory>().Path);
        });
        lifetime.ApplicationStopping.Register(() => StudioWebHostLog.ShuttingDown(logger));
    }
}
