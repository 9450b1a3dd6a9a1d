using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Planning;

/// <summary>The planning services as the engine wires them (real SQLite journal and usage table in a temp folder) over given catalogs.</summary>
internal sealed class PlanningHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _directory;

    private PlanningHost(ServiceProvider services, string directory)
    {
        _services = services;
        _directory = directory;
    }

    public IServiceProvider Services => _services;
    public IWorkflowPlanner Planner => _services.GetRequiredService<IWorkflowPlanner>();
    public IWorkflowReplanner Replanner => _services.GetRequiredService<IWorkflowReplanner>();
    public SqliteDatabase Database => _services.GetRequiredService<SqliteDatabase>();

    public static async Task<PlanningHost> StartAsync(IToolCatalog tools, ITemplateCatalog? templates = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "wfs-planning", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(tools)
            .AddSingleton(templates ?? new EmbeddedTemplateCatalog())
            .AddSingleton(new SqliteDatabase(Path.Combine(directory, "studio.db")))
            .AddSingleton<WorkflowStudio.Engine.Persistence.IDatabase>(sp => sp.GetRequiredService<SqliteDatabase>())
            .AddWorkflowStudioPlanning(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await DatabaseMigrator.MigrateAsync(services.GetRequiredService<SqliteDatabase>());
        return new PlanningHost(services, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
