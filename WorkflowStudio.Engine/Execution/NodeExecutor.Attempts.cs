using System.Globalization;
using System.Text.Json;
using WorkflowStudio.Engine.Execution.CrashPoints;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Bindings;
using WorkflowStudio.Engine.Workflows.Schema;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Engine.Execution;

internal sealed partial class NodeExecutor
{
    private async ValueTask<(AttemptOutcome Outcome, string? Error)> RunAttemptsAsync(NodeExecution execution, CancellationToken cancellationToken)
    {
        var node = execution.Node;
        var policy = node.Retry ?? RetryPolicy.None;
        for (var tries = 1; ; tries++)
        {
            var (outcome, attempt) = await InvokeOnceAsync(execution, node.Tool, execution.Args, fallback: false, cancellationToken);
            if (outcome.Succeeded || outcome.Kind == AttemptKind.InputRequired)
            {
                execution.Finished = attempt; // written with the completion
                return (outcome, null);
            }
            var error = outcome.Error!;
            var descriptor = execution.Context.Tools.GetValueOrDefault(node.Tool);
            var safe = outcome.Kind != AttemptKind.Refused
                && (!outcome.OutcomeUnknown || policy.Unsafe || descriptor?.Annotations.SafeToRepeat == true);
            var willRetry = safe && tries < policy.MaxAttempts;
            if (!safe && outcome.OutcomeUnknown && tries < policy.MaxAttempts)
            {
                error += $" (not retried: {node.Tool} is neither read-only nor idempotent per its MCP annotations, so a repeat could duplicate " +
                    "its effect; set \"retry\": {\"unsafe\": true} on the node to retry anyway)";
            }
            var failed = new NodeAttemptFailed(execution.Context.RunId, _time.GetUtcNow(), node.Id, execution.Attempts, outcome.OutcomeName, error, willRetry);
            var seq = await _store.RecordAttemptFinishedAsync(attempt, execution.LeaseEpoch, _journal.Entry(failed), CancellationToken.None)
                ?? throw new LeaseLostException(execution.Context.RunId, node.Id);
            _journal.Published(failed, seq);
            if (!willRetry)
            {
                return (outcome, tries == 1 ? error : $"{error} after {tries} attempts");
            }
            await Task.Delay(policy.BackoffBefore(tries + 1), _time, cancellationToken);
        }
    }

    private async ValueTask<AttemptOutcome> RunFallbackAsync(NodeExecution execution, IBindingScope scope, List<string> used, CancellationToken cancellationToken)
    {
        JsonElement args;
        try
        {
            args = execution.Node.Fallback!.Args is { } raw ? BindingEvaluator.Resolve(raw, scope, used) : EmptyObject;
        }
        catch (BindingException exception)
        {
            return new AttemptOutcome(AttemptKind.ToolError, null, $"cannot bind fallback arguments: {exception.Message}");
        }
        var (outcome, attempt) = await InvokeOnceAsync(execution, execution.Node.Fallback.Tool, args, fallback: true, cancellationToken);
        execution.Finished = attempt; // written with the completion
        return outcome;
    }

    /// <summary>One tool call, journaled as started (the first with the lease, already); returns how it ended, not yet written.</summary>
    private async ValueTask<(AttemptOutcome Outcome, NodeAttemptRecord Attempt)> InvokeOnceAsync(
        NodeExecution execution, string tool, JsonElement args, bool fallback, CancellationToken cancellationToken)
    {
        var context = execution.Context;
        var node = execution.Node;
        var record = execution.Journaled;
        execution.Journaled = null;
        if (record is null)
        {
            var started = _time.GetUtcNow();
            record = AttemptRecord(execution, tool, started);
            var startedEvent = new NodeStarted(context.RunId, started, node.Id, tool, record.Attempt, fallback);
            var seq = await _store.RecordAttemptStartedAsync(record, execution.LeaseEpoch, _journal.Entry(startedEvent), cancellationToken)
                ?? throw new LeaseLostException(context.RunId, node.Id);
            _journal.Published(startedEvent, seq);
        }
        using var activity = _telemetry.StartAttempt(context.RunId, node.Id, tool, record.Attempt, fallback);
        var outcome = await CallToolAsync(execution, tool, args, record.Attempt, cancellationToken);
        EngineTelemetry.EndAttempt(activity, outcome.OutcomeName, outcome.Error);
        return (outcome, record with { FinishedAt = _time.GetUtcNow().ToUnixTimeMilliseconds(), Outcome = outcome.OutcomeName, Error = outcome.Error });
    }

    private async ValueTask<AttemptOutcome> CallToolAsync(NodeExecution execution, string tool, JsonElement args, int attempt, CancellationToken cancellationToken)
    {
        var context = execution.Context;
        var node = execution.Node;
        if (!ToolReference.TryParse(tool, out var reference))
        {
            return new AttemptOutcome(AttemptKind.ToolError, null, $"'{tool}' is not a server/tool name");
        }
        var timeout = TimeSpan.FromSeconds(node.TimeoutSeconds ?? _options.DefaultNodeTimeoutSeconds);
        using var timeoutSource = new CancellationTokenSource(timeout, _time);
        var clock = new NodeClock(timeoutSource, timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            var descriptor = await DescribeAsync(context, reference, linked.Token);
            if (descriptor is null)
            {
                return new AttemptOutcome(AttemptKind.ToolError, null, $"server '{reference.Server}' has no tool '{reference.Name}'");
            }
            if (!execution.Approved && RequiresApproval(node, descriptor))
            {
                // The gate ran before the first attempt; this catches a fallback or a server that was unreachable then.
                return new AttemptOutcome(AttemptKind.Refused, null,
                    $"{tool} is annotated destructive and the node was not approved; add \"approval\": \"required\" to review it, or \"auto\" to allow it");
            }
            await using var progress = new ProgressJournal(_journal, _time, context.RunId, node.Id, attempt);
            var request = new ToolCallRequest
            {
                Server = reference.Server,
                Tool = reference.Name,
                Arguments = args,
                IdempotencyKey = $"{context.RunId}:{node.Id}",
                RunId = context.RunId,
                NodeId = node.Id,
                TenantId = context.TenantId,
                OnProgress = progress.ReportAsync,
                OnInputRequested = (question, token) => AnswerQuestionAsync(execution, tool, question, clock, token),
            };
            var result = await _invoker.InvokeAsync(request, linked.Token);
            _crashPoints.Reached(CrashPoint.DuringToolCall, context.RunId, node.Id);
            if (result.IsError)
            {
                return new AttemptOutcome(AttemptKind.ToolError, null, $"{tool} returned an error: {result.ErrorMessage}");
            }
            if (descriptor.OutputSchema is { } schema)
            {
                var problems = JsonSchemaChecker.Check(schema, result.Output, "$.output");
                if (problems.Count > 0)
                {
                    return new AttemptOutcome(AttemptKind.ToolError, null,
                        $"{tool} returned output that does not match its outputSchema: {string.Join("; ", problems.Take(5))}");
                }
            }
            return new AttemptOutcome(AttemptKind.Success, result.Output, null);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(AttemptKind.Timeout, null, $"{tool} did not answer within {Seconds(timeout)} (timeoutSeconds)");
        }
        catch (ToolInputRequiredException asked)
        {
            execution.PendingQuestion = asked.Request;
            return new AttemptOutcome(AttemptKind.InputRequired, null, $"{tool} asks a person for input: {asked.Request.Message}");
        }
        catch (ToolServerException exception)
        {
            return new AttemptOutcome(AttemptKind.Unavailable, null, exception.Message);
        }
        catch (ToolTransportException exception)
        {
            return new AttemptOutcome(AttemptKind.Transport, null, $"{tool}: {exception.Message}");
        }
        catch (KeyNotFoundException exception)
        {
            return new AttemptOutcome(AttemptKind.ToolError, null, exception.Message);
        }
    }

    private async ValueTask<ToolDescriptor?> DescribeAsync(RunContext context, ToolReference reference, CancellationToken cancellationToken)
    {
        var key = reference.ToString();
        if (context.Tools.TryGetValue(key, out var known))
        {
            return known;
        }
        var tools = await _catalog.GetToolsForTenantAsync(reference.Server, context.TenantId, cancellationToken);
        var descriptor = tools.FirstOrDefault(t => t.Name == reference.Name);
        context.Tools[key] = descriptor;
        return descriptor;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
