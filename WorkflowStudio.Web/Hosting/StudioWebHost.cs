using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkflowStudio.Web.Hosting;

/// <summary>The web host behind <c>studio serve</c>: Blazor Server UI, <c>/health</c>, and the engine.</summary>
public static class StudioWebHost
{
    /// <summary>
    /// Builds the host. Configuration sources, later ones winning: <c>appsettings.json</c> next to the
    /// executable, environment variables, then <paramref name="configurationOverrides"/> (the CLI's options).
    /// </summary>
    public static WebApplication Build(IReadOnlyDictionary<string, string?> configurationOverrides)
    {
        ArgumentNullException.ThrowIfNull(configurationOverrides);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The executable's folder, not the caller's current directory: appsettings.json and the
            // published wwwroot/ live there. The data directory stays relative to the current directory.
            ContentRootPath = AppContext.BaseDirectory,
            // Names the static web assets manifests (studio.staticwebassets.*.json), also under a test host.
            ApplicationName = typeof(StudioWebHost).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(configurationOverrides);

        builder.AddStudioWeb();
        var app = builder.Build();
        app.MapStudioWeb();
        return app;
    }

    /// <summary>Builds and runs the host until <paramref name="cancellationToken"/> fires, SIGTERM or Ctrl-C.</summary>
    /// <returns>0 after a clean shutdown; 1 when the host cannot start (e.g. the address is in use); 2 on invalid configuration.</returns>
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> configurationOverrides, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = Build(configurationOverrides);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Most likely the data directory cannot be created.
            await Console.Error.WriteLineAsync($"studio serve: cannot prepare the data directory: {exception.Message}");
            return 2;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (OptionsValidationException exception)
            {
                await Console.Error.WriteLineAsync($"studio serve: invalid configuration: {exception.Message}");
                return 2;
            }
            catch (IOException exception)
            {
                // Kestrel reports an address in use or not available this way.
                await Console.Error.WriteLineAsync($"studio serve: cannot start: {exception.Message}");
                return 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }

            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
    }
}
