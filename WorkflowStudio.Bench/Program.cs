using System.Diagnostics;
using System.Globalization;
using System.Text;
using WorkflowStudio.Bench;

// WorkflowStudio.Bench: end-to-end wall-clock scenarios, each against a baseline measured in the same run.
var quick = args.Contains("--quick");
var outIndex = Array.IndexOf(args, "--out");
var outPath = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : null;
var report = new BenchReport(quick);
var random = new Random(20261130);
var unit = quick ? 200 : 1000;
var (min, max) = quick ? (20, 60) : (50, 200);
var repetitions = quick ? 1 : 3;

var dags = new List<DagShapes.Dag>
{
    DagShapes.Diamond(unit),
    DagShapes.Layered("random-50", 5, 10, random, min, max),
    DagShapes.Chain(50, quick ? 5 : 20),
    DagShapes.FanOutIn(100, random, min, max),
    DagShapes.Layered("layered-8x10", 8, 10, random, min, max),
};

await using (var engine = await EngineRunner.StartAsync(workers: 128))
{
    // Warm-up: JIT, SQLite pages, Hangfire workers.
    await engine.RunAsync(DagShapes.Chain(5, 1));
    foreach (var dag in dags)
    {
        var floor = new List<double>();
        var ours = new List<EngineRunner.Measurement>();
        for (var i = 0; i < repetitions; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await WhenAllRunner.RunAsync(dag);
            floor.Add(stopwatch.Elapsed.TotalMilliseconds);
            ours.Add(await engine.RunAsync(dag));
        }
        report.AddCriticalPath(dag, Stats.Median(floor), ours);
        Console.Error.WriteLine($"{dag.Name}: done");
    }

    var runs = quick ? 10 : 100;
    var width = quick ? 20 : 100;
    var noops = Enumerable.Range(0, runs).Select(i => DagShapes.Layered($"noop-{i}", width / 10, 10, new Random(i), 0, 0)).ToArray();
    var throughput = await engine.RunConcurrentAsync(noops);
    report.AddThroughput(runs, runs * width, throughput);
}

var markdown = report.ToMarkdown();
if (outPath is null)
{
    Console.WriteLine(markdown);
}
else
{
    await File.WriteAllTextAsync(outPath, markdown);
    Console.Error.WriteLine($"wrote {outPath}");
}
return 0;
