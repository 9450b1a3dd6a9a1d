using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkflowStudio.Engine.Tenancy;

/// <summary>Tenants, API keys, users, the audit log and idempotency keys (call after <c>AddWorkflowStudioPersistence</c>).</summary>
public static class TenancyServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowStudioTenancy(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ITenantDirectory, TenantDirectory>();
        services.TryAddSingleton<IAuditLog, AuditLog>();
        services.TryAddSingleton<IIdempotencyStore, IdempotencyStore>();
        return services;
    }
}
