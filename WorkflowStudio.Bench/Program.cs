using WorkflowStudio.Bench;
using WorkflowStudio.Bench.Dags;
using WorkflowStudio.Bench.Infrastructure;
using WorkflowStudio.Bench.Reporting;
using WorkflowStudio.Bench.Runners;
using WorkflowStudio.Bench.Scenarios;

// WorkflowStudio.Bench: end-to-end wall-clock scenarios, each against a baseline measured in the same run (docs/benchmarks.md).
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
var report = new BenchReport(options);
var context = new BenchContext(options, report);
var outPath = options.Out is null ? null : Path.GetFullPath(options.Out);
var chartPath = Path.ChangeExtension(outPath ?? Path.Combine(Path.GetTempPath(), "benchmarks.md"), ".png");
Directory.CreateDirectory(Path.GetDirectoryName(chartPath)!);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;

var criticalPath = new CriticalPathScenario(context);
var sideBySide = new SideBySideScenario(context);
var throughput = new ThroughputScenario(context);
var notes = new List<string>();

await using (var embedded = await EngineRunner.StartAsync(new EngineRunner.EngineHostOptions { McpConfigFile = context.McpConfigFile }))
{
    if (options.Runs(ScenarioNames.CriticalPath))
    {
        await criticalPath.MeasureFloorAsync(ct);
        await criticalPath.RunAsync("embedded", embedded, DagTool.Simulated, ct);
        if (options.Smoke)
        {
            notes.Add("MCP and PostgreSQL deployments are skipped in --smoke.");
        }
        else if (context.McpConfigFile is null)
        {
            notes.Add("Embedded with an MCP tool skipped: McpTestServer is not built (scripts/bench builds it).");
        }
        else
        {
            await criticalPath.RunAsync("embedded, MCP stdio tool", embedded, DagTool.McpSleep, ct);
        }
    }
    if (options.Runs(ScenarioNames.SideBySide))
    {
        await sideBySide.RunAsync(embedded, ct);
    }
    if (options.Runs(ScenarioNames.Throughput))
    {
        await throughput.RunAsync("embedded", embedded, DagTool.Simulated, ct);
    }
    if (options.Runs(ScenarioNames.Scaling))
    {
        await new ScalingScenario(context).RunAsync(embedded, chartPath, ct);
        report.ChartFile = Path.GetFileName(chartPath);
    }
    if (options.Runs(ScenarioNames.Seed))
    {
        await new SeedScenario(context).RunAsync(embedded, ct);
    }
    if (options.Runs(ScenarioNames.Cache))
    {
        await new CacheScenario(context).RunAsync(embedded, ct);
    }
}

if (!options.Smoke && (options.Runs(ScenarioNames.CriticalPath) || options.Runs(ScenarioNames.Throughput)))
{
    // The baseline for in-process dispatch: the same engine with every ready node going through the job queue.
    const string queueOnly = "embedded, every node through the queue (baseline)";
    await using var embeddedQueue = await EngineRunner.StartAsync(new EngineRunner.EngineHostOptions { InProcessSlots = 0 });
    if (options.Runs(ScenarioNames.CriticalPath))
    {
        await criticalPath.RunAsync(queueOnly, embeddedQueue, DagTool.Simulated, ct, baseline: true);
    }
    if (options.Runs(ScenarioNames.Throughput))
    {
        await throughput.RunAsync(queueOnly, embeddedQueue, DagTool.Simulated, ct, baseline: true);
    }
}

if (!options.Smoke && (options.Runs(ScenarioNames.CriticalPath) || options.Runs(ScenarioNames.Throughput)))
{
    if (RepoPaths.PostgresBinDir is not { } pgBin)
    {
        notes.Add("PostgreSQL skipped: the server binaries are missing (no /usr/lib/postgresql/*/bin/initdb; `apt-get install postgresql` or scripts/test installs them).");
    }
    else if (RepoPaths.StudioDll is not { } studio)
    {
        notes.Add("PostgreSQL skipped: the studio executable is not built (scripts/bench builds it into artifacts/bench/studio).");
    }
    else
    {
        await using var cluster = await PostgresCluster.StartAsync(pgBin, ct);
        foreach (var workers in new[] { 1, 2 })
        {
            var deployment = $"PostgreSQL, {workers} worker process{(workers == 1 ? "" : "es")}";
            await using var rig = await PostgresRig.StartAsync(cluster, studio, workers, ct);
            if (options.Runs(ScenarioNames.CriticalPath))
            {
                await criticalPath.RunAsync(deployment, rig.Engine, DagTool.BuiltinDelay, ct);
            }
            if (options.Runs(ScenarioNames.Throughput))
            {
                await throughput.RunAsync(deployment, rig.Engine, DagTool.BuiltinDelay, ct);
            }
        }
    }
}
criticalPath.AddTargets();

if (options.Runs(ScenarioNames.Mcp) && !options.Smoke)
{
    await new McpOverheadScenario(context).RunAsync(ct);
}

report.Notes.AddRange(notes);
if (!options.Smoke)
{
    report.Add(Findings.Create());
}
if (options.Runs(ScenarioNames.Embeddings))
{
    await new EmbeddingScenario(context).RunAsync(ct);
}
var markdown = report.ToMarkdown();
if (outPath is null)
{
    Console.WriteLine(markdown);
}
else
{
    await File.WriteAllTextAsync(outPath, markdown, ct);
    BenchContext.Log($"wrote {outPath}");
}
if (context.McpConfigFile is not null)
{
    File.Delete(context.McpConfigFile);
}
return 0;
