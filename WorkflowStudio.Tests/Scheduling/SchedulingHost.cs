using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Scheduling;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;
using WorkflowStudio.Engine.Workflows.Store;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Scheduling;

/// <summary>A real engine host with scheduling (SQLite in a data directory, in-memory Hangfire, job servers); restartable on the same data.</summary>
internal sealed class SchedulingHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private SchedulingHost(IHost host, string dataDir)
    {
        _host = host;
        DataDir = dataDir;
    }

    public string DataDir { get; }
    public IServiceProvider Services => _host.Services;
    public IScheduleService Schedules => Services.GetRequiredService<IScheduleService>();
    public IWorkflowStore Workflows => Services.GetRequiredService<IWorkflowStore>();
    public IRunCoordinator Coordinator => Services.GetRequiredService<IRunCoordinator>();
    public IRunEventStream Events => Services.GetRequiredService<IRunEventStream>();
    public JobStorage Storage => Services.GetRequiredService<JobStorage>();
    public ITenantDirectory Tenants => Services.GetRequiredService<ITenantDirectory>();
    public IAuditLog Audit => Services.GetRequiredService<IAuditLog>();

    public static async Task<SchedulingHost> StartAsync(string? dataDir = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        dataDir ??= Path.Combine(Path.GetTempPath(), "wfs-tests", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Studio:DataDir", dataDir), new("Execution:WorkerCount", "4")]);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddWorkflowStudioEngine(builder.Configuration);
        builder.Services.AddBuiltinTools();
        builder.Services.AddWorkflowStudioScheduling();
        var host = builder.Build();
        await host.StartAsync();
        return new SchedulingHost(host, dataDir);
    }

    /// <summary>Stops the host but keeps its data directory (for a restart on the same database).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }
}
