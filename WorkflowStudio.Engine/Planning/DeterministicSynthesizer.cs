using System.Globalization;
using System.Text;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Planning;

/// <summary>The synthesizer without a model: states what succeeded, what failed and why, and what to do next.</summary>
internal sealed class DeterministicSynthesizer : ISynthesizer
{
    public ValueTask<Synthesis> SynthesizeAsync(SynthesisInput input, CancellationToken cancellationToken = default)
    {
        var results = input.Results;
        var succeeded = results.Where(r => r.Status == NodeStatus.Success).ToArray();
        var failed = results.Where(r => r.Status == NodeStatus.Error).ToArray();
        var skipped = results.Where(r => r.Status == NodeStatus.Skipped).ToArray();
        var metrics = input.Metrics;

        var summary = new StringBuilder();
        summary.Append(CultureInfo.InvariantCulture,
            $"Workflow '{input.Workflow.Name}' {Verb(input.Status)}: {succeeded.Length} of {results.Count} nodes succeeded");
        if (failed.Length > 0)
        {
            summary.Append(CultureInfo.InvariantCulture, $", {failed.Length} failed");
        }
        if (skipped.Length > 0)
        {
            summary.Append(CultureInfo.InvariantCulture, $", {skipped.Length} skipped");
        }
        summary.Append(CultureInfo.InvariantCulture,
            $" in {Seconds(metrics.TotalTimeMs)} (critical path {Seconds(metrics.CriticalPathMs)}, parallelism {metrics.Parallelism:0.##}x, {metrics.ToolCalls} tool calls");
        summary.Append(metrics.Retries > 0 ? string.Create(CultureInfo.InvariantCulture, $", {metrics.Retries} retries).") : ").");
        foreach (var failure in failed)
        {
            summary.Append(CultureInfo.InvariantCulture, $" Node '{failure.ActionId}' ({failure.Tool}) failed: {failure.Error}.");
        }
        var recovered = results.Where(r => r.RecoveryAttempted && r.Status == NodeStatus.Success).Select(r => r.ActionId).ToArray();
        if (recovered.Length > 0)
        {
            summary.Append(CultureInfo.InvariantCulture, $" Recovered through fallbacks: {string.Join(", ", recovered)}.");
        }
        var blocked = skipped.Where(s => s.Error?.Contains("failed", StringComparison.Ordinal) == true).Select(s => s.ActionId).ToArray();
        if (blocked.Length > 0)
        {
            summary.Append(CultureInfo.InvariantCulture, $" Not run because of failures: {string.Join(", ", blocked)}.");
        }
        return ValueTask.FromResult(new Synthesis(summary.ToString(), NextActions(input, failed)));
    }

    private static List<NextAction> NextActions(SynthesisInput input, NodeResult[] failed)
    {
        var actions = new List<NextAction>();
        foreach (var failure in failed)
        {
            var error = failure.Error ?? string.Empty;
            actions.Add(error.Contains("did not answer within", StringComparison.Ordinal)
                ? new NextAction
                {
                    Action = $"Raise timeoutSeconds of node '{failure.ActionId}' or check the '{failure.Tool.Split('/')[0]}' server's health, then re-run",
                    Tool = failure.Tool, Node = failure.ActionId, Reason = error,
                }
                : error.Contains("cannot bind", StringComparison.Ordinal)
                ? new NextAction
                {
                    Action = $"Fix the bindings in node '{failure.ActionId}' (studio validate shows the expected paths), then re-run",
                    Node = failure.ActionId, Reason = error,
                }
                : new NextAction
                {
                    Action = failure.RecoveryAttempted
                        ? $"Both '{failure.Tool}' and its fallback failed in node '{failure.ActionId}': fix the tool's input or server, then re-run"
                        : $"Fix the input or server of node '{failure.ActionId}' (or add a retry or fallback to it), then re-run",
                    Tool = failure.Tool, Node = failure.ActionId, Reason = error,
                });
        }
        if (failed.Length == 0)
        {
            var graph = WorkflowGraph.Build(input.Workflow);
            var sinks = input.Results.Where(r => r.Status == NodeStatus.Success && graph.DependantsOf(r.ActionId).Count == 0)
                .Select(r => r.ActionId).ToArray();
            actions.Add(new NextAction
            {
                Action = sinks.Length > 0 ? $"Review the final results of {string.Join(", ", sinks.Select(s => $"'{s}'"))}" : "Review the results",
                Reason = "the run completed; these nodes produced its end results",
            });
            if (input.Metrics.Parallelism < 1.2 && input.Results.Count > 2 && input.Metrics.TotalTimeMs > 1000)
            {
                actions.Add(new NextAction
                {
                    Action = "Look for nodes that do not need each other's output and drop their dependsOn links so they run in parallel",
                    Reason = string.Create(CultureInfo.InvariantCulture, $"parallelism was only {input.Metrics.Parallelism:0.##}x"),
                });
            }
        }
        return actions;
    }

    private static string Verb(string status) => status switch
    {
        RunStatus.Success => "succeeded",
        RunStatus.PartialSuccess => "partly succeeded",
        RunStatus.Cancelled => "was cancelled",
        RunStatus.Failed => "failed",
        _ => "is running",
    };

    private static string Seconds(double ms) => ms < 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:0.##} s");
}
