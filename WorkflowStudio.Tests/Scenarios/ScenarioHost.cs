using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Scenarios;

/// <summary>A real engine host with the real tool registrations (as <c>studio run</c> builds it), running built-in templates.</summary>
internal sealed class ScenarioHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ScenarioHost(IHost host, string dataDir)
    {
        _host = host;
        DataDir = dataDir;
    }

    public string DataDir { get; }
    public string FilesRoot => Path.Combine(DataDir, "files");
    public IServiceProvider Services => _host.Services;

    public static async Task<ScenarioHost> StartAsync(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "wfs-scenarios", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Studio:DataDir", dataDir), new("Execution:WorkerCount", "16"), .. settings ?? []]);
        builder.Services.AddWorkflowStudioEngine(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new ScenarioHost(host, dataDir);
    }

    /// <summary>Validates the template with the given <c>NAME=VALUE</c> inputs (as the CLI does), runs it and waits for the result.</summary>
    public async Task<RunResult> RunTemplateAsync(string id, params string[] inputs)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var template = Services.GetRequiredService<ITemplateCatalog>().Find(id) ?? throw new InvalidOperationException($"no template {id}");
        var parsed = InputParser.Parse(template.Workflow, inputs);
        Assert.Empty(parsed.Errors);
        var errors = await WorkflowValidator.ValidateAsync(template.Workflow, Services.GetRequiredService<IToolCatalog>(), parsed.Values, timeout.Token);
        Assert.Empty(errors);
        var coordinator = Services.GetRequiredService<IRunCoordinator>();
        var runId = await coordinator.StartAsync(template.Workflow, parsed.Values, cancellationToken: timeout.Token);
        return await coordinator.WaitAsync(runId, timeout.Token);
    }

    /// <summary>Rows of a query against the demo database file the tools created.</summary>
    public async Task<List<Dictionary<string, object?>>> DemoRowsAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDir, "demo.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }
        return rows;
    }

    public static JsonElement Step(RunResult result, string id) =>
        result.Results.Single(r => r.ActionId == id).Result ?? throw new InvalidOperationException($"step {id} has no result");

    public static void AssertSucceeded(RunResult result) =>
        Assert.True(result.Status == RunStatus.Success,
            $"run {result.Status}: {result.Error}\n" + string.Join("\n", result.Results.Select(r => $"{r.ActionId}: {r.Status} {r.Error}")));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a closing pool is left in the temp folder; the OS cleans it.
        }
    }
}
