using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// Every run reaches a final state: only the completion that sees no unfinished node closes a run (or starts its re-plan),
/// so a crash between that commit and the closing, a closing or re-plan that throws, or a retried commit leaves the run
/// open. This sweep (run by the recovery service) finds such runs once they have been settled for
/// <see cref="ExecutionOptions.RunCloseGraceSeconds"/> and closes or re-plans them; both are idempotent (guarded state
/// changes), so two processes sweeping at once, or a late inline closing, do no harm. A run whose closing keeps failing is
/// closed as failed, with the reason, after <see cref="MaxCloseAttempts"/> tries.
/// </summary>
internal sealed partial class RunCloser
{
    /// <summary>Tries (in this process) at closing one run normally before it is closed as failed.</summary>
    public const int MaxCloseAttempts = 3;

    private const int BatchSize = 100;

    private readonly IRunStateStore _store;
    private readonly RunContextCache _contexts;
    private readonly RunFinalizer _finalizer;
    private readonly RunReviser _reviser;
    private readonly TimeProvider _time;
    private readonly ExecutionOptions _options;
    private readonly ILogger<RunCloser> _logger;
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    public RunCloser(
        IRunStateStore store, RunContextCache contexts, RunFinalizer finalizer, RunReviser reviser, TimeProvider time, IOptions<ExecutionOptions> options,
        ILogger<RunCloser> logger)
    {
        _store = store;
        _contexts = contexts;
        _finalizer = finalizer;
        _reviser = reviser;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Closes or re-plans the runs left open; returns how many it moved on.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settledBefore = _time.GetUtcNow() - TimeSpan.FromSeconds(_options.RunCloseGraceSeconds);
        var runs = await _store.FindUnclosedRunsAsync(settledBefore.ToUnixTimeMilliseconds(), BatchSize, cancellationToken);
        foreach (var run in runs)
        {
            await CloseAsync(run, cancellationToken);
        }
        return runs.Count;
    }

    private async Task CloseAsync(UnclosedRun run, CancellationToken cancellationToken)
    {
        try
        {
            if (await _contexts.GetAsync(run.RunId, cancellationToken) is not { } context)
            {
                return;
            }
            LogClosing(run.RunId, run.Replan ? "re-planning" : "closing");
            if (run.Replan && (await _store.GetRunAsync(run.RunId, cancellationToken))?.ReplanNode is { } failed)
            {
                await _reviser.ReviseAsync(context, failed, cancellationToken);
            }
            else
            {
                await _finalizer.FinishAsync(context, cancellationToken);
            }
            _failures.TryRemove(run.RunId, out _);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failures = _failures.AddOrUpdate(run.RunId, 1, (_, n) => n + 1);
            LogCloseFailed(exception, run.RunId, failures, MaxCloseAttempts);
            if (failures >= MaxCloseAttempts)
            {
                var started = (await _store.GetRunAsync(run.RunId, cancellationToken)) is { } record
                    ? DateTimeOffset.FromUnixTimeMilliseconds(record.StartedAt ?? record.CreatedAt)
                    : _time.GetUtcNow();
                await _finalizer.FailAsync(run.RunId, started,
                    $"the run could not be closed normally ({failures} tries): {exception.GetType().Name}: {exception.Message}", cancellationToken);
                _failures.TryRemove(run.RunId, out _);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} had no final state and nothing in flight; {Action} it")]
    private partial void LogClosing(string runId, string action);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing run {RunId} failed (try {Failures} of {MaxAttempts})")]
    private partial void LogCloseFailed(Exception exception, string runId, int failures, int maxAttempts);
}
