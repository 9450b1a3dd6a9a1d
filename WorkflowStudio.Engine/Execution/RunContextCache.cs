using System.Collections.Concurrent;
using System.Text.Json;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Execution;

/// <summary>Run contexts of the runs this process is executing; loaded from the journal on a miss.</summary>
internal sealed class RunContextCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RunContext?>>> _contexts = new(StringComparer.Ordinal);
    private readonly IRunReader _store;

    public RunContextCache(IRunReader store) => _store = store;

    public void Add(RunContext context) =>
        _contexts[context.RunId] = new Lazy<Task<RunContext?>>(Task.FromResult<RunContext?>(context));

    public bool TryGetLoaded(string runId, out RunContext? context)
    {
        context = null;
        return _contexts.TryGetValue(runId, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully
            && (context = lazy.Value.Result) is not null;
    }

    public async Task<RunContext?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        var lazy = _contexts.GetOrAdd(runId, id => new Lazy<Task<RunContext?>>(() => LoadAsync(id, CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Do not cache a failed load (e.g. the database was briefly unreachable): the next caller tries again.
            _contexts.TryRemove(new KeyValuePair<string, Lazy<Task<RunContext?>>>(runId, lazy));
            throw;
        }
    }

    public void Remove(string runId)
    {
        if (_contexts.TryRemove(runId, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            lazy.Value.Result?.Dispose();
        }
    }

    private async Task<RunContext?> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await _store.GetRunAsync(runId, cancellationToken);
        if (run is null)
        {
            _contexts.TryRemove(runId, out _);
            return null;
        }
        var definition = JournaledWorkflow.Parse(run.Definition);
        var inputs = JsonSerializer.Deserialize(run.Inputs, EngineJson.Default.DictionaryStringJsonElement)!;
        var context = new RunContext(run.Id, run.WorkflowId, definition, inputs, DateTimeOffset.FromUnixTimeMilliseconds(run.StartedAt ?? run.CreatedAt))
        {
            Revision = run.Revision,
            TenantId = run.TenantId,
        };
        if (run.CancelRequested)
        {
            // Loaded after the cancel (a restarted process, or one that had not seen the run): its event has passed already.
            await context.Cancellation.CancelAsync();
        }
        return context;
    }
}
