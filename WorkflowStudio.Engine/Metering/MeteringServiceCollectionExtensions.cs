using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WorkflowStudio.Engine.Metering;

/// <summary>The usage ledger with its pricing tiers, and the meter that bills finished runs.</summary>
public static class MeteringServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowStudioMetering(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PricingOptions>().Bind(configuration.GetSection(PricingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PricingOptions>, PricingOptionsValidator>());
        services.TryAddSingleton<IWorkflowPricing, WorkflowPricing>();
        services.TryAddSingleton<IUsageLedger, UsageLedger>();
        return services;
    }

    /// <summary>Bills finished runs in this process (the web host adds it; recording is idempotent across processes).</summary>
    public static IServiceCollection AddWorkflowStudioUsageMeter(this IServiceCollection services)
    {
        services.AddHostedService<UsageMeter>();
        return services;
    }
}
