using System.Globalization;
using System.Text.Json;
using WorkflowStudio.Engine.Execution.Events;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Bindings;
using WorkflowStudio.Engine.Workflows.Schema;

namespace WorkflowStudio.Engine.Execution;

internal sealed partial class NodeExecutor
{
    private async ValueTask<(AttemptOutcome Outcome, int Attempts, string? Error)> RunAttemptsAsync(
        RunContext context, WorkflowNode node, JsonElement args, CancellationToken cancellationToken)
    {
        var policy = node.Retry ?? RetryPolicy.None;
        var attempt = 0;
        while (true)
        {
            attempt++;
            var outcome = await InvokeOnceAsync(context, node, node.Tool, args, attempt, fallback: false, cancellationToken);
            if (outcome.Succeeded)
            {
                return (outcome, attempt, null);
            }
            var error = outcome.Error!;
            var descriptor = context.Tools.GetValueOrDefault(node.Tool);
            var safe = !outcome.OutcomeUnknown || policy.Unsafe || descriptor?.Annotations.SafeToRepeat == true;
            var willRetry = safe && attempt < policy.MaxAttempts;
            if (!safe && attempt < policy.MaxAttempts)
            {
                error += $" (not retried: {node.Tool} is neither read-only nor idempotent per its MCP annotations, so a repeat could duplicate " +
                    "its effect; set \"retry\": {\"unsafe\": true} on the node to retry anyway)";
            }
            await _journal.PublishAsync(new NodeAttemptFailed(context.RunId, _time.GetUtcNow(), node.Id, attempt, outcome.OutcomeName, error, willRetry), cancellationToken);
            if (!willRetry)
            {
                var tried = attempt == 1 ? "" : $" after {attempt} attempts";
                return (outcome, attempt, $"{error}{tried}");
            }
            await Task.Delay(policy.BackoffBefore(attempt + 1), _time, cancellationToken);
        }
    }

    private async ValueTask<AttemptOutcome> RunFallbackAsync(
        RunContext context, WorkflowNode node, IBindingScope scope, List<string> used, int attempt, CancellationToken cancellationToken)
    {
        JsonElement args;
        try
        {
            args = node.Fallback!.Args is { } raw ? BindingEvaluator.Resolve(raw, scope, used) : EmptyObject;
        }
        catch (BindingException exception)
        {
            return new AttemptOutcome(AttemptKind.ToolError, null, $"cannot bind fallback arguments: {exception.Message}");
        }
        return await InvokeOnceAsync(context, node, node.Fallback.Tool, args, attempt, fallback: true, cancellationToken);
    }

    private async ValueTask<AttemptOutcome> InvokeOnceAsync(
        RunContext context, WorkflowNode node, string tool, JsonElement args, int attempt, bool fallback, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var record = new NodeAttemptRecord { RunId = context.RunId, NodeId = node.Id, Attempt = attempt, Tool = tool, StartedAt = started.ToUnixTimeMilliseconds() };
        await _store.RecordAttemptStartedAsync(record, cancellationToken);
        await _journal.PublishAsync(new NodeStarted(context.RunId, started, node.Id, tool, attempt, fallback), cancellationToken);
        var outcome = await CallToolAsync(context, node, tool, args, cancellationToken);
        await _store.RecordAttemptFinishedAsync(
            record with { FinishedAt = _time.GetUtcNow().ToUnixTimeMilliseconds(), Outcome = outcome.OutcomeName, Error = outcome.Error },
            CancellationToken.None);
        return outcome;
    }

    private async ValueTask<AttemptOutcome> CallToolAsync(RunContext context, WorkflowNode node, string tool, JsonElement args, CancellationToken cancellationToken)
    {
        if (!ToolReference.TryParse(tool, out var reference))
        {
            return new AttemptOutcome(AttemptKind.ToolError, null, $"'{tool}' is not a server/tool name");
        }
        var timeout = TimeSpan.FromSeconds(node.TimeoutSeconds ?? _options.DefaultNodeTimeoutSeconds);
        using var timeoutSource = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            var descriptor = await DescribeAsync(context, reference, linked.Token);
            if (descriptor is null)
            {
                return new AttemptOutcome(AttemptKind.ToolError, null, $"server '{reference.Server}' has no tool '{reference.Name}'");
            }
            var request = new ToolCallRequest
            {
                Server = reference.Server,
                Tool = reference.Name,
                Arguments = args,
                IdempotencyKey = $"{context.RunId}:{node.Id}",
            };
            var result = await _invoker.InvokeAsync(request, linked.Token);
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
        var tools = await _catalog.GetToolsAsync(reference.Server, cancellationToken);
        var descriptor = tools.FirstOrDefault(t => t.Name == reference.Name);
        context.Tools[key] = descriptor;
        return descriptor;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
