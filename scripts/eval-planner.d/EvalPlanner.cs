#:project ../../WorkflowStudio.Engine/WorkflowStudio.Engine.csproj
#:property PublishAot=false

// Runs the planner chosen by configuration (Llm__* environment variables) over the evaluation set and prints a
// score table. Scoring matches WorkflowStudio.Tests/Planning/EvalScore.cs: "none" cases score 1 without a plan,
// others the F1 of the plan's tools against the expected ones, averaged with the expected inputs found.
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

var path = args.Length > 0 ? args[0] : "WorkflowStudio.Tests/Planning/eval-set.json";
using var document = JsonDocument.Parse(File.ReadAllText(path));
var root = document.RootElement;
var tools = root.GetProperty("tools").EnumerateArray().Select(t => new ToolDescriptor
{
    Server = t.GetProperty("tool").GetString()!.Split('/')[0],
    Name = t.GetProperty("tool").GetString()!.Split('/')[1],
    Description = t.GetProperty("description").GetString(),
    InputSchema = t.GetProperty("inputSchema").Clone(),
    Annotations = new ToolAnnotations
    {
        ReadOnly = Flag(t, "readOnly"), Destructive = Flag(t, "destructive"), Idempotent = Flag(t, "idempotent"), OpenWorld = Flag(t, "openWorld"),
    },
}).ToArray();
var templates = root.GetProperty("templates").EnumerateArray().Select(t =>
{
    var workflow = WorkflowJson.Parse(t.GetProperty("workflow").GetRawText()).Workflow!;
    return new WorkflowTemplate
    {
        Id = t.GetProperty("id").GetString()!, Title = t.GetProperty("title").GetString()!, Description = workflow.Description ?? "",
        Tags = t.GetProperty("tags").EnumerateArray().Select(x => x.GetString()!).ToArray(), Workflow = workflow,
    };
}).ToArray();

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
await using var services = new ServiceCollection()
    .AddLogging()
    .AddSingleton<IToolCatalog>(new Catalog(tools))
    .AddSingleton<ITemplateCatalog>(new Gallery(templates))
    .AddSingleton<IToolLatencyHistory>(new NoHistory())
    .AddSingleton<IUsageRecorder>(new UsageTotals(configuration))
    .AddWorkflowStudioPlanning(configuration)
    .BuildServiceProvider();
var planner = services.GetRequiredService<IWorkflowPlanner>();

var scores = new List<double>();
var tokens = 0L;
var cost = 0m;
Console.WriteLine($"{"SCORE",5}  {"PLANNER",7}  {"REQUEST",-64}  PLAN");
foreach (var item in root.GetProperty("cases").EnumerateArray())
{
    var request = item.GetProperty("request").GetString()!;
    var expect = item.GetProperty("expect");
    var result = await planner.PlanAsync(new PlanRequest { Request = request });
    tokens += result.Usage.Tokens;
    cost += result.Usage.CostUsd;
    var score = Score(expect, result);
    scores.Add(score);
    var plan = result.Workflow is { } w ? string.Join(",", w.Nodes.Select(n => n.Tool).Distinct()) : $"(none) {result.Errors.FirstOrDefault()}";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{score,5:0.00}  {result.Planner,7}  {Cut(request, 64),-64}  {Cut(plan, 90)}"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"\nscore {scores.Average():0.000} over {scores.Count} requests; {tokens} tokens, ${cost:0.####}"));
return 0;

double Score(JsonElement expect, PlanResult result)
{
    if (expect.TryGetProperty("none", out var none) && none.GetBoolean())
    {
        return result.Succeeded ? 0 : 1;
    }
    if (result.Workflow is not { } workflow)
    {
        return 0;
    }
    var expected = (expect.TryGetProperty("template", out var id)
        ? templates.Single(t => t.Id == id.GetString()).Workflow.Nodes.Select(n => n.Tool)
        : expect.GetProperty("tools").EnumerateArray().Select(x => x.GetString()!)).ToHashSet(StringComparer.Ordinal);
    var used = workflow.Nodes.Select(n => n.Tool).ToHashSet(StringComparer.Ordinal);
    var hits = used.Count(expected.Contains);
    var f1 = hits == 0 ? 0 : 2.0 * hits / (used.Count + expected.Count);
    if (!expect.TryGetProperty("inputs", out var inputs))
    {
        return f1;
    }
    var wanted = inputs.EnumerateObject().ToArray();
    var right = wanted.Count(p => workflow.Inputs.TryGetValue(p.Name, out var input) && input.Default is { } v && JsonElement.DeepEquals(v, p.Value));
    return (f1 + (double)right / wanted.Length) / 2;
}

static bool? Flag(JsonElement tool, string name) =>
    tool.GetProperty("annotations").TryGetProperty(name, out var value) ? value.GetBoolean() : null;

static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

sealed class Catalog(IReadOnlyList<ToolDescriptor> tools) : IToolCatalog
{
    public IReadOnlyCollection<string> Servers => tools.Select(t => t.Server).Distinct().ToArray();

    public ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<ToolDescriptor>>(tools.Where(t => t.Server == server).ToArray());
}

sealed class Gallery(IReadOnlyList<WorkflowTemplate> templates) : ITemplateCatalog
{
    public IReadOnlyList<WorkflowTemplate> Templates => templates;

    public WorkflowTemplate? Find(string id) => templates.FirstOrDefault(t => t.Id == id);
}

sealed class NoHistory : IToolLatencyHistory
{
    public ValueTask<IReadOnlyDictionary<string, double>> GetMedianLatenciesAsync(IReadOnlyCollection<string> tools, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>());
}

/// <summary>Prices calls from Llm:Prices like the studio does; keeps nothing.</summary>
sealed class UsageTotals(IConfiguration configuration) : IUsageRecorder
{
    public ValueTask<decimal> RecordAsync(ChatUsage usage, CancellationToken cancellationToken = default)
    {
        var price = configuration.GetSection($"Llm:Prices:{usage.Model}");
        var input = price.GetValue<decimal>("InputPerMillion");
        var output = price.GetValue<decimal>("OutputPerMillion");
        return ValueTask.FromResult((usage.InputTokens * input + usage.OutputTokens * output) / 1_000_000m);
    }

    public ValueTask AttachPlanToRunAsync(string planId, string runId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<RunUsage> GetRunUsageAsync(string runId, CancellationToken cancellationToken = default) => ValueTask.FromResult(RunUsage.None);

    public ValueTask<RunUsage> GetPlanUsageAsync(string planId, CancellationToken cancellationToken = default) => ValueTask.FromResult(RunUsage.None);
}
