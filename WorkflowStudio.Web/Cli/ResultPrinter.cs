using System.Globalization;
using System.Text.Json;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Cli;

/// <summary>A run result as JSON (seed shape) or as a table for people.</summary>
internal static class ResultPrinter
{
    public static async Task PrintAsync(RunResult result, bool json, TextWriter writer)
    {
        if (json)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(result, EngineJson.Indented.RunResult));
            return;
        }
        var metrics = result.PerformanceMetrics;
        await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Run {result.RunId} of '{result.WorkflowId}': {result.Status} in {metrics.TotalTimeMs / 1000:0.00}s " +
            $"(critical path {metrics.CriticalPathMs / 1000:0.00}s, parallelism {metrics.Parallelism:0.##}x, {metrics.ToolCalls} tool calls)"));
        await writer.WriteLineAsync();
        var idWidth = Math.Max(4, result.Results.Max(r => (int?)r.ActionId.Length) ?? 4);
        var toolWidth = Math.Max(4, result.Results.Max(r => (int?)r.Tool.Length) ?? 4);
        await writer.WriteLineAsync($"{"STEP".PadRight(idWidth)}  {"TOOL".PadRight(toolWidth)}  {"STATUS",-8}  {"TRIES",5}  {"TIME",8}  RESULT");
        foreach (var node in result.Results)
        {
            var detail = node.Error ?? (node.Result is { } value ? Shorten(value.GetRawText(), 60) : "");
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{node.ActionId.PadRight(idWidth)}  {node.Tool.PadRight(toolWidth)}  {node.Status,-8}  {node.Attempts,5}  {node.ExecutionTime / 1000,7:0.00}s  {detail}"));
        }
        await writer.WriteLineAsync();
        await writer.WriteLineAsync($"Summary: {result.ExecutionSummary}");
        if (result.NextActions.Count > 0)
        {
            await writer.WriteLineAsync("Next actions:");
            foreach (var action in result.NextActions)
            {
                await writer.WriteLineAsync($"  - {action.Action}");
            }
        }
        if (result.Output is { } output)
        {
            await writer.WriteLineAsync($"Output: {Shorten(output.GetRawText(), 2000)}");
        }
    }

    private static string Shorten(string text, int max)
    {
        var single = text.ReplaceLineEndings(" ");
        return single.Length <= max ? single : string.Concat(single.AsSpan(0, max - 1), "…");
    }
}
