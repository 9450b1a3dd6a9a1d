using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Metering;

namespace WorkflowStudio.Engine.Tenancy;

/// <summary>Tenants, API keys, users, the audit log, idempotency keys, and the usage ledger with its pricing.</summary>
public static class TenancyServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowStudioTenancy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PricingOptions>().Bind(configuration.GetSection(PricingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PricingOptions>, PricingOptionsValidator>());
        services.TryAddSingleton<ITenantDirectory, TenantDirectory>();
        services.TryAddSingleton<IAuditLog, AuditLog>();
        services.TryAddSingleton<IIdempotencyStore, IdempotencyStore>();
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
