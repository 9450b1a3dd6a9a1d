using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WorkflowStudio.Engine.Persistence;

/// <summary>The product's database: SQLite in the data directory (embedded) or PostgreSQL (production), migrated on start.</summary>
public static class PersistenceServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowStudioPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DataOptions>().Bind(configuration.GetSection(DataOptions.SectionName))
            .Configure(o => o.ConnectionString ??= configuration.GetConnectionString(DataOptions.ConnectionStringName))
            .Validate(o => o.Storage is DataOptions.SqliteStorage or DataOptions.PostgresStorage,
                "Studio:Storage (--storage) must be 'sqlite' or 'postgres'.")
            .Validate(o => o.Storage != DataOptions.PostgresStorage || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "--storage postgres needs a connection string: --connection \"Host=...;Database=...;Username=...;Password=...\" or ConnectionStrings__Studio.")
            .ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<DatabaseInitializer>();
        if (DataOptions.StorageFrom(configuration) == DataOptions.PostgresStorage)
        {
            services.TryAddSingleton(sp => new PostgresDatabase(sp.GetRequiredService<IOptions<DataOptions>>().Value.ConnectionString!, sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<IDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
        }
        else
        {
            services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<DataOptions>>().Value.DatabasePath));
            services.TryAddSingleton<IDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
        }
        return services;
    }
}
