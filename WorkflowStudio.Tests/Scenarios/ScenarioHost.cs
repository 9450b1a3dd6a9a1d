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
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;
using WorkflowStudio.Engine.Tenancy;

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
        builder.Services.AddBuiltinTools();
        var host = builder.Build();
        await host.StartAsync();
        return new ScenarioHost(host, dataDir);
    }

    /// <summary>Validates the template with the given <c>NAME=VALUE</c> inputs (as the CLI does), runs it and waits for the result.</summary>
    public async Task<RunResult> RunTemplateAsync(string id, params string[] inputs)
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        var runId = await StartAsync(Template(id), inputs, timeout.Token);
        return await Coordinator.WaitAsync(runId, cancellationToken: timeout.Token);
    }

    public IRunCoordinator Coordinator => Services.GetRequiredService<IRunCoordinator>();

    /// <summary>The built-in template's workflow (a test may change it before running it).</summary>
    public WorkflowDefinition Template(string id) =>
        (Services.GetRequiredService<ITemplateCatalog>().Find(id) ?? throw new InvalidOperationException($"no template {id}")).Workflow;

    /// <summary>Validates and starts <paramref name="workflow"/> with <c>NAME=VALUE</c> inputs, then waits until <paramref name="nodeId"/> waits for approval; returns the run id.</summary>
    public async Task<string> RunUntilApprovalAsync(WorkflowDefinition workflow, string nodeId, params string[] inputs)
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        using var events = Services.GetRequiredService<IRunEventStream>().Subscribe();
        var runId = await StartAsync(workflow, inputs, timeout.Token);
        await foreach (var runEvent in events.Events.ReadAllAsync(timeout.Token))
        {
            switch (runEvent)
            {
                case NodeAwaitingApproval waiting when waiting.RunId == runId && waiting.Node == nodeId:
                    return runId;
                case RunFinished finished when finished.RunId == runId:
                    throw new InvalidOperationException($"run {runId} finished ({finished.Status}) without '{nodeId}' waiting for approval");
            }
        }
        throw new InvalidOperationException("the event stream ended");
    }

    /// <summary>
    /// Runs the built-in template on its defaults, approving every step that waits for a person (as the approver would
    /// after reading it); returns the result and the steps that waited, in the order they asked.
    /// </summary>
    public async Task<(RunResult Result, IReadOnlyList<string> Approved)> RunTemplateApprovingAsync(string id)
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        using var events = Services.GetRequiredService<IRunEventStream>().Subscribe();
        var runId = await StartAsync(Template(id), [], timeout.Token);
        var approved = new List<string>();
        await foreach (var runEvent in events.Events.ReadAllAsync(timeout.Token))
        {
            if (runEvent is NodeAwaitingApproval waiting && waiting.RunId == runId)
            {
                approved.Add(waiting.Node);
                await Coordinator.ApproveAsync(runId, waiting.Node, "gallery test", cancellationToken: timeout.Token);
            }
            else if (runEvent is RunFinished finished && finished.RunId == runId)
            {
                break;
            }
        }
        return (await Coordinator.WaitAsync(runId, cancellationToken: timeout.Token), approved);
    }

    /// <summary>Waits for a run started earlier to finish.</summary>
    public async Task<RunResult> WaitAsync(string runId)
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        return await Coordinator.WaitAsync(runId, cancellationToken: timeout.Token);
    }

    private async Task<string> StartAsync(WorkflowDefinition workflow, string[] inputs, CancellationToken cancellationToken)
    {
        var parsed = InputParser.Parse(workflow, inputs);
        Assert.Empty(parsed.Errors);
        var errors = await WorkflowValidator.ValidateAsync(workflow, Services.GetRequiredService<IToolCatalog>(), parsed.Values, cancellationToken);
        Assert.Empty(errors);
        return await Coordinator.StartAsync(workflow, parsed.Values, TenantId.Default, cancellationToken: cancellationToken);
    }

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

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
        Npgsql.NpgsqlConnection.ClearAllPools();
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
