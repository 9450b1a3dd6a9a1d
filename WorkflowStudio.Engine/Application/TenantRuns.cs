using System.Text.Json;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Workflows.Store;

namespace WorkflowStudio.Engine.Application;

/// <summary>
/// The one tenant-scoped front door to runs (and the saved workflows they start from): every surface (REST, SSE,
/// downloads, studio pages, the hub, MCP tools, schedules, follow-ups, the CLI) finds, lists, starts, waits for, cancels
/// and decides through it. The ownership check lives here and nowhere else: another tenant's run or workflow is reported
/// exactly like a missing one (null, <see cref="RunCancelOutcome.NotFound"/>, false). Get one from <see cref="RunFrontDoor.For"/>.
/// </summary>
internal sealed class TenantRuns
{
    private readonly RunFrontDoorServices _services;

    internal TenantRuns(TenantId tenant, RunFrontDoorServices services)
    {
        Tenant = tenant;
        _services = services;
    }

    public TenantId Tenant { get; }

    /// <summary>The run when it is this tenant's; null otherwise (missing or another tenant's: the same answer).</summary>
    public async ValueTask<RunRecord?> FindAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await _services.Runs.GetRunAsync(runId, cancellationToken);
        return run is not null && Tenant.Owns(run.TenantId) ? run : null;
    }

    /// <summary>A page of this tenant's runs; <paramref name="query"/>'s own tenant is replaced.</summary>
    public async ValueTask<RunPage> QueryAsync(RunQuery query, CancellationToken cancellationToken = default) =>
        Tenant.IsNone
            ? new RunPage([], null)
            : await _services.Runs.QueryRunsAsync(query with { TenantId = Tenant.Value }, cancellationToken);

    /// <summary>The run's result so far; null when the run is not this tenant's.</summary>
    public async ValueTask<RunResult?> GetResultAsync(string runId, CancellationToken cancellationToken = default) =>
        await FindAsync(runId, cancellationToken) is null ? null : await _services.Coordinator.GetResultAsync(runId, cancellationToken);

    /// <summary>
    /// The files this tenant's run produced (see <see cref="RunArtefacts"/>), in node order; null when the run is not this
    /// tenant's. A path a node named that is outside the tenant's files root, leads out through a link, or no longer exists is not listed.
    /// </summary>
    public async ValueTask<IReadOnlyList<RunArtefact>?> ListArtefactsAsync(string runId, CancellationToken cancellationToken = default) =>
        await GetResultAsync(runId, cancellationToken) is not { } result ? null
        : _services.Files is null ? []
        : RunArtefacts.Of(result, Tenant.Value, _services.Files);

    /// <summary>
    /// Opens one of the run's artefacts by its <see cref="RunArtefact.Path"/> exactly as listed; null when the run is not this
    /// tenant's, or the path is not one of its artefacts (another file, a traversal, an absolute path), or the file is gone.
    /// </summary>
    public async ValueTask<RunArtefactFile?> OpenArtefactAsync(string runId, string path, CancellationToken cancellationToken = default)
    {
        var artefact = (await ListArtefactsAsync(runId, cancellationToken))?.FirstOrDefault(a => string.Equals(a.Path, path, StringComparison.Ordinal));
        // Located again just before the open: the listing's check is the one that counts, made as late as possible.
        if (artefact is null || _services.Files?.Locate(Tenant.Value, artefact.Path) is not { } file)
        {
            return null;
        }
        try
        {
            var stream = new FileStream(file.FullPath, new FileStreamOptions
            {
                Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read | FileShare.Delete, Options = FileOptions.Asynchronous,
            });
            return new RunArtefactFile(artefact with { Bytes = stream.Length }, stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // deleted between the check and the open: gone, like a file that was never there
        }
    }

    /// <summary>Starts a run owned by this tenant through the one <see cref="RunStarter"/> (idempotency, quota, validation, audit).</summary>
    /// <exception cref="ArgumentException">This door is <see cref="TenantId.None"/>'s.</exception>
    public ValueTask<RunStartOutcome> StartAsync(RunStartRequest request, CancellationToken cancellationToken = default) =>
        Tenant.IsNone
            ? throw new ArgumentException($"A run needs the tenant it belongs to; '{request.Actor}' acts for none (not signed in?).", nameof(request))
            : _services.Starter.StartAsync(Tenant, request, cancellationToken);

    /// <summary>
    /// Waits for one of this tenant's runs (the coordinator's one wait) and returns its result; null when the run is not
    /// this tenant's. With <paramref name="cancelRunOnAbort"/>, a wait cancelled by its caller cancels the run too.
    /// </summary>
    public async ValueTask<RunResult?> WaitAsync(string runId, RunWaitUntil until = RunWaitUntil.Finished, IProgress<RunProgress>? progress = null,
        bool cancelRunOnAbort = false, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(runId, cancellationToken) is null)
        {
            return null;
        }
        try
        {
            return await _services.Coordinator.WaitAsync(runId, until, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && cancelRunOnAbort)
        {
            await _services.Coordinator.CancelAsync(runId, "the caller cancelled while waiting for the run", CancellationToken.None);
            throw;
        }
    }

    /// <summary>The run's journaled events after <paramref name="afterSeq"/>, then live ones until it finishes; null when the run is not this tenant's.</summary>
    public async ValueTask<IAsyncEnumerable<JournaledEvent>?> FollowEventsAsync(string runId, long afterSeq, CancellationToken cancellationToken = default) =>
        await FindAsync(runId, cancellationToken) is null ? null : _services.Events.FollowAsync(runId, afterSeq, cancellationToken);

    /// <summary>This tenant's pricing tier (<see cref="PricingTiers.Default"/> when it names none).</summary>
    public async ValueTask<string> TierAsync(CancellationToken cancellationToken = default) =>
        PricingTiers.Canonical(Tenant.IsNone ? null : (await _services.Tenants.GetTenantAsync(Tenant.Value, cancellationToken))?.Tier)
        ?? PricingTiers.Default;

    /// <summary>
    /// What one of this tenant's runs costs so far (or, finished, what the ledger bills): the tier's per-run fee, the nodes
    /// attempted × the per-call price, and the model tokens recorded for it; null when the run is not this tenant's.
    /// </summary>
    public async ValueTask<RunPrice?> PriceAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(runId, cancellationToken) is not { } run)
        {
            return null;
        }
        var nodes = await _services.Runs.GetNodeRunsAsync(runId, cancellationToken);
        var tokens = await _services.Usage.GetRunUsageAsync(runId, cancellationToken);
        return _services.Pricing.Price(WorkflowJson.Parse(run.Definition).Workflow, await TierAsync(cancellationToken),
            nodes.Count(n => n.Attempts > 0), tokens);
    }

    /// <summary>Cancels one of this tenant's runs for <paramref name="actor"/>, and audits it.</summary>
    public async ValueTask<RunCancelOutcome> CancelAsync(string runId, string actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(runId, cancellationToken) is null)
        {
            return RunCancelOutcome.NotFound;
        }
        reason ??= $"cancelled by {actor}";
        if (!await _services.Coordinator.CancelAsync(runId, reason, cancellationToken))
        {
            return RunCancelOutcome.AlreadyFinished;
        }
        await _services.Audit.RecordAsync(new AuditEntry(Tenant.Value, actor, "run.cancel", runId, reason), cancellationToken);
        return RunCancelOutcome.Cancelled;
    }

    /// <summary>
    /// Approves or rejects a waiting node of one of this tenant's runs for <paramref name="actor"/>, and audits the
    /// decision. False when the run is not this tenant's. An approval may carry <paramref name="args"/>, the node's
    /// arguments as the approver edited them: the tool is called with those, and the audit entry records the arguments
    /// before and after (secret-looking values masked, see <see cref="ArgumentRedaction"/>).
    /// </summary>
    /// <exception cref="ApprovalException">The node is not waiting (another decision won, or it never waited): not audited.</exception>
    /// <exception cref="ApprovalArgumentsException">The edited arguments do not fit the tool's input schema: not audited, the node still waits.</exception>
    /// <exception cref="ArgumentException">Edited arguments sent with a rejection.</exception>
    public async ValueTask<bool> DecideAsync(string runId, string nodeId, bool approve, string actor, string? reason = null, JsonElement? args = null,
        CancellationToken cancellationToken = default)
    {
        if (await FindAsync(runId, cancellationToken) is null)
        {
            return false;
        }
        if (!approve && args is not null)
        {
            throw new ArgumentException("Edited arguments go with an approval only; reject without them.", nameof(args));
        }
        if (approve)
        {
            if (args is { } edited)
            {
                // The arguments it waited with, read before the approval lets the node run and record the ones it ran with.
                var before = (await _services.Runs.GetNodeRunsAsync(runId, [nodeId], cancellationToken)).FirstOrDefault()?.Args;
                await _services.Coordinator.ApproveAsync(runId, nodeId, actor, edited, cancellationToken);
                var old = before is null ? "(none)" : ArgumentRedaction.Redact(JsonElement.Parse(before));
                reason = $"arguments edited: {old} → {ArgumentRedaction.Redact(edited)}{(string.IsNullOrWhiteSpace(reason) ? "" : $"; {reason}")}";
            }
            else
            {
                await _services.Coordinator.ApproveAsync(runId, nodeId, actor, cancellationToken: cancellationToken);
            }
        }
        else
        {
            await _services.Coordinator.RejectAsync(runId, nodeId, actor, string.IsNullOrWhiteSpace(reason) ? $"rejected by {actor}" : reason, cancellationToken);
        }
        await _services.Audit.RecordAsync(new AuditEntry(Tenant.Value, actor, approve ? "node.approve" : "node.reject", $"{runId}/{nodeId}", reason),
            cancellationToken);
        return true;
    }

    /// <summary>
    /// Answers the question a node of one of this tenant's runs waits on (its tool server asked a person), for
    /// <paramref name="actor"/>, and audits it (the action, never the content). False when the run is not this tenant's.
    /// </summary>
    /// <exception cref="ApprovalException">The node waits for no answer (answered already, cancelled, or it never asked).</exception>
    /// <exception cref="InputAnswerException">The content does not fit the form the server asked with.</exception>
    public async ValueTask<bool> AnswerInputAsync(string runId, string nodeId, ToolInputAnswer answer, string actor, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(runId, cancellationToken) is null)
        {
            return false;
        }
        await _services.Coordinator.AnswerInputAsync(runId, nodeId, actor, answer, cancellationToken);
        await _services.Audit.RecordAsync(new AuditEntry(Tenant.Value, actor, "node.answer", $"{runId}/{nodeId}", answer.Action), cancellationToken);
        return true;
    }

    /// <summary>
    /// Re-plan <paramref name="revision"/> of one of this tenant's runs: the graph it replaced (null when an older journal
    /// did not keep it) and the graph it made; null when the run is not this tenant's or has no such revision.
    /// </summary>
    public async ValueTask<RunRevisionGraphs?> FindRevisionAsync(string runId, int revision, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(runId, cancellationToken) is null)
        {
            return null;
        }
        var revisions = await _services.Runs.GetRevisionsAsync(runId, cancellationToken);
        if (revisions.FirstOrDefault(r => r.Revision == revision) is not { } record)
        {
            return null;
        }
        var before = record.PreviousDefinition ?? revisions.FirstOrDefault(r => r.Revision == revision - 1)?.Definition;
        return new RunRevisionGraphs(before is null ? null : JournaledWorkflow.Parse(before), JournaledWorkflow.Parse(record.Definition));
    }

    /// <summary>A saved workflow (a given version, else the latest) when it is this tenant's; null otherwise.</summary>
    public async ValueTask<SavedWorkflow?> FindWorkflowAsync(string workflowId, int? version = null, CancellationToken cancellationToken = default)
    {
        var saved = await _services.Workflows.GetAsync(workflowId, version, cancellationToken);
        return saved is not null && Tenant.Owns(saved.TenantId) ? saved : null;
    }

    /// <summary>This tenant's saved workflows (latest versions, newest first).</summary>
    public async ValueTask<IReadOnlyList<SavedWorkflowInfo>> ListWorkflowsAsync(int limit = 200, CancellationToken cancellationToken = default) =>
        Tenant.IsNone ? [] : await _services.Workflows.ListAsync(limit, Tenant.Value, cancellationToken);

    /// <summary>Every version of one of this tenant's workflows; empty for another tenant's.</summary>
    public async ValueTask<IReadOnlyList<SavedWorkflowInfo>> ListVersionsAsync(string workflowId, CancellationToken cancellationToken = default) =>
        await FindWorkflowAsync(workflowId, cancellationToken: cancellationToken) is null ? [] : await _services.Workflows.ListVersionsAsync(workflowId, cancellationToken);
}
