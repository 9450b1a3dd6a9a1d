using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkflowStudio.Engine.Execution.CrashPoints;

/// <summary>Registers the crash-point hook: nothing in production; the configured killer in a test process that asks for it.</summary>
internal static class CrashPointsServiceCollectionExtensions
{
    public static IServiceCollection AddCrashPoints(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(CrashPointOptions.SectionName).Get<CrashPointOptions>() ?? new CrashPointOptions();
        if (options.Parse(out var error) is { } crash)
        {
            if (Environment.GetEnvironmentVariable(CrashPointOptions.EnableVariable) != "1")
            {
                throw new InvalidOperationException(
                    $"Testing:CrashAt is set to '{options.CrashAt}', a test hook that kills this process; remove it (it is only honoured " +
                    $"with the environment variable {CrashPointOptions.EnableVariable}=1, in tests).");
            }
            services.TryAddSingleton<ICrashPoints>(new ConfiguredCrashPoints(crash.Point, crash.Nth));
        }
        else if (error is not null)
        {
            throw new InvalidOperationException(error);
        }
        services.TryAddSingleton<ICrashPoints, NoCrashPoints>();
        return services;
    }
}
