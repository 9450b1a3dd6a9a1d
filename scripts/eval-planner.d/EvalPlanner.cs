#:project ../../WorkflowStudio.Engine/WorkflowStudio.Engine.csproj
#:project ../../WorkflowStudio.Tools/WorkflowStudio.Tools.csproj
#:property PublishAot=false

// Runs the planner chosen by configuration (Llm__* environment variables) over the evaluation set, against the built-in
// tools and template gallery (what users get), and prints one row per request and the figures of docs/planner.md.
// Scoring matches WorkflowStudio.Tests/Planning/EvalScore.cs: a case "plans" when it gets a plan that is not weak;
// an in-scope case is right when it plans into the expected template, or into a tool plan using every expected tool.
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Tools;

var path = args.Length > 0 ? args[0] : "WorkflowStudio.Tests/Planning/eval-set.json";
using var document = JsonDocument.Parse(File.ReadAllText(path));
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
await using var services = new ServiceCollection()
    .AddLogging()
    .AddBuiltinTools()
    .AddWorkflowStudioTemplates()
    .AddSingleton<IToolLatencyHistory>(new NoHistory())
    .AddSingleton<IUsageRecorder>(new UsageTotals(configuration))
    .AddWorkflowStudioPlanning(configuration)
    .BuildServiceProvider();
var planner = services.GetRequiredService<IWorkflowPlanner>();

int cases = 0, inScope = 0, outOfScope = 0, planned = 0, plannedInScope = 0, refusedOut = 0;
int templateCases = 0, templatesRight = 0, toolCases = 0, toolsRight = 0, inputs = 0, inputsRight = 0;
var tokens = 0L;
var cost = 0m;
foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
{
    var request = item.GetProperty("request").GetString()!;
    var expect = item.GetProperty("expect");
    var result = await planner.PlanAsync(new PlanRequest { Request = request });
    tokens += result.Usage.Tokens;
    cost += result.Usage.CostUsd;
    var none = expect.TryGetProperty("none", out var n) && n.GetBoolean();
    var plans = result.Succeeded && result.Confidence?.IsWeak != true;
    var template = expect.TryGetProperty("template", out var t) ? t.GetString() : null;
    var used = result.Workflow?.Nodes.Select(x => x.Tool).ToHashSet(StringComparer.Ordinal) ?? [];
    var right = none ? !plans
        : plans && (template is not null
            ? (result.Confidence?.MatchedId ?? result.Workflow!.Name) == template
            : result.Confidence?.MatchedKind != "template" && expect.GetProperty("tools").EnumerateArray().All(x => used.Contains(x.GetString()!)));
    cases++;
    planned += plans ? 1 : 0;
    if (none)
    {
        outOfScope++;
        refusedOut += plans ? 0 : 1;
    }
    else
    {
        inScope++;
        plannedInScope += plans ? 1 : 0;
        if (template is not null) { templateCases++; templatesRight += right ? 1 : 0; }
        else { toolCases++; toolsRight += right ? 1 : 0; }
        if (expect.TryGetProperty("inputs", out var wanted))
        {
            foreach (var p in wanted.EnumerateObject())
            {
                inputs++;
                inputsRight += right && result.Workflow!.Inputs.TryGetValue(p.Name, out var input) && input.Default is { } v && JsonElement.DeepEquals(v, p.Value) ? 1 : 0;
            }
        }
    }
    var plan = result.Workflow is { } w
        ? $"{(result.Confidence?.IsWeak == true ? "(weak) " : "")}{result.Confidence?.MatchedId ?? w.Name}"
        : $"(none) {result.Errors.FirstOrDefault()}";
    Console.WriteLine($"{(right ? "ok  " : "MISS")}  {result.Planner,-8}  {Cut(request, 64),-64}  {Cut(plan, 90)}");
}
static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

    {cases} requests ({inScope} in scope, {outOfScope} out of scope); {tokens} tokens, ${cost:0.####}
    plans:     precision {Ratio(plannedInScope, planned):P1}, recall {Ratio(plannedInScope, inScope):P1}
    refuses:   {refusedOut}/{outOfScope} out-of-scope ({Ratio(refusedOut, outOfScope):P1}), precision {Ratio(refusedOut, cases - planned):P1}
    in scope:  {templatesRight + toolsRight}/{inScope} right ({Ratio(templatesRight + toolsRight, inScope):P1}); templates {templatesRight}/{templateCases} ({Ratio(templatesRight, templateCases):P1}), tools {toolsRight}/{toolCases} ({Ratio(toolsRight, toolCases):P1})
    inputs:    {inputsRight}/{inputs} ({Ratio(inputsRight, inputs):P1})
    """));
return 0;

static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

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
