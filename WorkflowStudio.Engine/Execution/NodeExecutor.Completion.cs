using System.Text.Json;
using WorkflowStudio.Engine.Execution.Events;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Execution;

internal sealed partial class NodeExecutor
{
    private NodeOutcome Finished(
        RunContext context, WorkflowNode node, string status, JsonElement args, IReadOnlyList<string> used,
        JsonElement? output, string? error, int attempts, AttemptOutcome? fallback) =>
        Outcome(context, node, status, error, args, used) with
        {
            Attempts = attempts,
            Output = output?.GetRawText(),
            RecoveryAttempted = fallback is not null,
            FallbackUsed = fallback?.Succeeded == true,
            FallbackResult = fallback?.Output?.GetRawText(),
        };

    private NodeOutcome Blocked(RunContext context, WorkflowNode node, string status, string reason, JsonElement? args, IReadOnlyList<string>? used, int attempts) =>
        Outcome(context, node, status, reason, args, used ?? []) with { Attempts = attempts };

    private NodeOutcome Outcome(RunContext context, WorkflowNode node, string status, string? error, JsonElement? args, IReadOnlyList<string> used)
    {
        // A skipped node, or a failed one that may not fail quietly, blocks everything downstream of it.
        var blocks = status == NodeStatus.Skipped || (status == NodeStatus.Error && !node.ContinueOnError);
        return new NodeOutcome
        {
            Status = status,
            FinishedAt = _time.GetUtcNow().ToUnixTimeMilliseconds(),
            Args = args?.GetRawText(),
            Error = error,
            ContextUsed = JsonSerializer.Serialize<IReadOnlyList<string>>(used.Distinct(StringComparer.Ordinal).ToArray(), EngineJson.Default.IReadOnlyListString),
            Dependants = blocks ? [] : context.Graph.DependantsOf(node.Id),
            SkipDependants = blocks ? context.Descendants(node.Id) : [],
            SkipReason = blocks ? $"skipped because '{node.Id}' {(status == NodeStatus.Skipped ? "was skipped" : "failed")}" : null,
        };
    }

    private async ValueTask CompleteAsync(RunContext context, WorkflowNode node, NodeOutcome outcome, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow(); // when the node's work ended, before the journal write (dispatch latency counts from here)
        var completion = await _store.CompleteNodeAsync(context.RunId, node.Id, outcome, cancellationToken);
        if (!completion.Applied)
        {
            return;
        }
        if (outcome.Status == NodeStatus.Skipped)
        {
            await _journal.PublishAsync(new NodeSkipped(context.RunId, now, node.Id, outcome.Error ?? "skipped"), cancellationToken);
        }
        else
        {
            await _journal.PublishAsync(new NodeFinished(
                context.RunId, now, node.Id, outcome.Status, outcome.Attempts, (now - startedAt).TotalMilliseconds, outcome.Error, outcome.FallbackUsed), cancellationToken);
        }
        _dispatcher.Dispatch(context.RunId, completion.Ready);
        foreach (var skipped in completion.Skipped)
        {
            await _journal.PublishAsync(new NodeSkipped(context.RunId, now, skipped, outcome.SkipReason ?? "skipped"), cancellationToken);
        }
        if (completion.Unfinished == 0)
        {
            await _finalizer.FinishAsync(context, cancellationToken);
        }
    }
}
