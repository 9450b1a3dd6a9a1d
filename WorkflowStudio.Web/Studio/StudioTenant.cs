using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Scheduling;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Auth;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Workflows.Store;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// The studio pages' adapter from the sign-in claims to the tenant's front door (<see cref="TenantRuns"/>): everything is
/// read and written as the signed-in user's tenant (the default tenant in the open studio, before any user exists).
/// Another tenant's run, workflow or schedule looks exactly like one that does not exist (null / false), so pages show
/// their not-found state. Adds the studio's roles: writes need an editor (or admin) and are recorded in the audit log.
/// </summary>
internal sealed class StudioTenant(
    AuthenticationStateProvider authentication, RunFrontDoor front, IWorkflowStore workflows, IScheduleService schedules,
    IAuditLog audit, UserPresence users, IToolCatalog catalog)
{
    private StudioCaller? _caller;
    private TenantRuns? _runs;

    /// <summary>
    /// Who is signed in: tenant, actor, and whether they may edit and administer. Nobody signed in is the open studio's
    /// admin only while no user exists (the authorization policy keeps such requests out otherwise; this is the second lock).
    /// </summary>
    public async ValueTask<StudioCaller> CallerAsync()
    {
        if (_caller is null)
        {
            var user = (await authentication.GetAuthenticationStateAsync()).User;
            _caller = user.Identity?.IsAuthenticated != true && await users.AnyAsync()
                ? StudioCaller.Nobody
                : StudioCaller.Of(user);
        }
        return _caller;
    }

    /// <summary>The caller's tenant's front door.</summary>
    public async ValueTask<TenantRuns> RunsAsync() => _runs ??= front.For((await CallerAsync()).TenantId);

    /// <summary>The tools as the caller's tenant sees them (configured servers plus that tenant's OpenAPI imports).</summary>
    public async ValueTask<IToolCatalog> ToolsAsync() => catalog.ForTenant((await CallerAsync()).TenantId.Value);

    public async ValueTask<RunRecord?> FindRunAsync(string runId, CancellationToken cancellationToken = default) =>
        await (await RunsAsync()).FindAsync(runId, cancellationToken);

    /// <summary>A page of the tenant's runs; <paramref name="query"/>'s own tenant is replaced.</summary>
    public async ValueTask<RunPage> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default) =>
        await (await RunsAsync()).QueryAsync(query, cancellationToken);

    /// <summary>The files one of the tenant's runs produced; empty for another tenant's run.</summary>
    public async ValueTask<IReadOnlyList<RunArtefact>> ListArtefactsAsync(string runId, CancellationToken cancellationToken = default) =>
        await (await RunsAsync()).ListArtefactsAsync(runId, cancellationToken) ?? [];

    /// <summary>The result so far of one of the tenant's runs; null otherwise.</summary>
    public async ValueTask<RunResult?> GetResultAsync(string runId, CancellationToken cancellationToken = default) =>
        await (await RunsAsync()).GetResultAsync(runId, cancellationToken);

    /// <summary>A re-plan of one of the tenant's runs, before and after; null otherwise.</summary>
    public async ValueTask<RunRevisionGraphs?> FindRevisionAsync(string runId, int revision, CancellationToken cancellationToken = default) =>
        await (await RunsAsync()).FindRevisionAsync(runId, revision, cancellationToken);

    public async ValueTask<SavedWorkflow?> FindWorkflowAsync(string workflowId, int? version = null, CancellationToken cancellationToken = default) =>
        await (await RunsAsync()).FindWorkflowAsync(workflowId, version, cancellationToken);

    public async ValueTask<IReadOnlyList<SavedWorkflowInfo>> ListWorkflowsAsync(CancellationToken cancellationToken = default) =>
        await (await RunsAsync()).ListWorkflowsAsync(cancellationToken: cancellationToken);

    /// <summary>Every version of one of the tenant's workflows; empty for another tenant's.</summary>
    public async ValueTask<IReadOnlyList<SavedWorkflowInfo>> ListVersionsAsync(string workflowId, CancellationToken cancellationToken = default) =>
        await (await RunsAsync()).ListVersionsAsync(workflowId, cancellationToken);

    /// <summary>Saves a new workflow, or the next version of one of the tenant's workflows.</summary>
    public async ValueTask<SavedWorkflow> SaveWorkflowAsync(string? workflowId, WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        var caller = await EditorAsync("save workflows");
        if (workflowId is not null && await FindWorkflowAsync(workflowId, cancellationToken: cancellationToken) is null)
        {
            throw new StudioAccessException($"No saved workflow '{workflowId}' in tenant '{caller.TenantId}'; save it as a new workflow instead.");
        }
        var saved = await workflows.SaveAsync(workflowId, definition, tenantId: caller.TenantId.Value, cancellationToken: cancellationToken);
        await AuditAsync(caller, workflowId is null ? "workflow.create" : "workflow.version", saved.Id, $"version {saved.Version}: {saved.Name}", cancellationToken);
        return saved;
    }

    public async ValueTask<SavedWorkflow> RestoreWorkflowAsync(string workflowId, int version, CancellationToken cancellationToken = default)
    {
        var caller = await EditorAsync("restore versions");
        if (await FindWorkflowAsync(workflowId, cancellationToken: cancellationToken) is null)
        {
            throw new StudioAccessException($"No saved workflow '{workflowId}' in tenant '{caller.TenantId}'.");
        }
        var restored = await workflows.RestoreAsync(workflowId, version, cancellationToken);
        await AuditAsync(caller, "workflow.version", workflowId, $"restored version {version} as {restored.Version}", cancellationToken);
        return restored;
    }

    /// <summary>
    /// Starts a run owned by the caller's tenant, through its front door (the one <see cref="RunStarter"/>): the tenant's
    /// quotas first, then validation with the inputs, then the run (audited).
    /// </summary>
    /// <exception cref="StudioAccessException">A viewer, a quota used up (the message names it and when it resets), or an invalid workflow.</exception>
    public async ValueTask<string> StartRunAsync(WorkflowDefinition workflow, IReadOnlyDictionary<string, JsonElement> inputs, string? workflowId,
        CancellationToken cancellationToken = default)
    {
        var caller = await EditorAsync("start runs");
        var outcome = await (await RunsAsync()).StartAsync(new RunStartRequest(caller.Actor, workflow, inputs) { WorkflowId = workflowId }, cancellationToken);
        return outcome switch
        {
            { RunId: { } runId } => runId,
            { Quota: { } quota } => throw new StudioAccessException(
                $"Not started: tenant '{caller.TenantId}' has used its {quota.Limit} quota ({quota.Used:0.##} of {quota.LimitValue:0.##}) until " +
                $"{quota.ResetsAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC; see Usage, or ask an admin for a larger tier."),
            _ => throw new StudioAccessException($"Not started: {string.Join("; ", outcome.Errors.Select(e => e.ToString()).DefaultIfEmpty(outcome.Conflict ?? "unknown"))}"),
        };
    }

    /// <summary>The tenant's pricing tier (what the plan review and the run bar price with).</summary>
    public async ValueTask<string> TierAsync(CancellationToken cancellationToken = default) =>
        await (await RunsAsync()).TierAsync(cancellationToken);

    /// <summary>One of the tenant's runs priced so far (or as billed, once finished); null when it is not the tenant's.</summary>
    public async ValueTask<WorkflowStudio.Engine.Metering.RunPrice?> PriceAsync(string runId, CancellationToken cancellationToken = default) =>
        await (await RunsAsync()).PriceAsync(runId, cancellationToken);

    /// <summary>Cancels one of the tenant's runs (an editor's action, audited by the front door); false when it had already finished or is not the tenant's.</summary>
    public async ValueTask<bool> CancelAsync(string runId, CancellationToken cancellationToken = default)
    {
        var caller = await EditorAsync("cancel runs");
        return await (await RunsAsync()).CancelAsync(runId, caller.Actor, cancellationToken: cancellationToken) == RunCancelOutcome.Cancelled;
    }

    /// <summary>Approves (with the arguments as edited, when given) or rejects a waiting node of one of the tenant's runs.</summary>
    /// <exception cref="ApprovalException">The node is not waiting, or the run is not the tenant's.</exception>
    /// <exception cref="ApprovalArgumentsException">The edited arguments do not fit the tool's input schema (the node still waits).</exception>
    public async ValueTask DecideAsync(string runId, string nodeId, bool approve, string? reason, JsonElement? args = null, CancellationToken cancellationToken = default)
    {
        var caller = await EditorAsync("approve or reject nodes");
        if (!await (await RunsAsync()).DecideAsync(runId, nodeId, approve, caller.Actor, reason, args, cancellationToken))
        {
            throw new ApprovalException($"no run '{runId}' in tenant '{caller.TenantId}'");
        }
    }

    /// <summary>Answers a tool server's question to a node of one of the tenant's runs (editors only).</summary>
    public async ValueTask AnswerInputAsync(string runId, string nodeId, WorkflowStudio.Engine.Tools.ToolInputAnswer answer, CancellationToken cancellationToken = default)
    {
        var caller = await EditorAsync("answer a step's questions");
        if (!await (await RunsAsync()).AnswerInputAsync(runId, nodeId, answer, caller.Actor, cancellationToken))
        {
            throw new ApprovalException($"no run '{runId}' in tenant '{caller.TenantId}'");
        }
    }

    /// <summary>The schedules of the tenant's workflows (a schedule belongs to its workflow's tenant).</summary>
    public async ValueTask<IReadOnlyList<Schedule>> ListSchedulesAsync(CancellationToken cancellationToken = default)
    {
        var all = await schedules.ListAsync(cancellationToken);
        var owned = new List<Schedule>(all.Count);
        var byWorkflow = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var schedule in all)
        {
            if (!byWorkflow.TryGetValue(schedule.WorkflowId, out var mine))
            {
                byWorkflow[schedule.WorkflowId] = mine = await FindWorkflowAsync(schedule.WorkflowId, cancellationToken: cancellationToken) is not null;
            }
            if (mine)
            {
                owned.Add(schedule);
            }
        }
        return owned;
    }

    /// <summary>The schedule when its workflow is the tenant's and the caller may edit; null otherwise.</summary>
    public async ValueTask<Schedule?> FindScheduleAsync(string scheduleId, CancellationToken cancellationToken = default) =>
        await schedules.GetAsync(scheduleId, cancellationToken) is { } schedule
        && await FindWorkflowAsync(schedule.WorkflowId, cancellationToken: cancellationToken) is not null
            ? schedule
            : null;

    /// <summary>Schedules one of the tenant's workflows.</summary>
    /// <exception cref="ScheduleException">The draft is wrong, or the workflow is not the tenant's.</exception>
    public async ValueTask<Schedule> CreateScheduleAsync(ScheduleDraft draft, CancellationToken cancellationToken = default)
    {
        var caller = await EditorAsync("create schedules");
        if (await FindWorkflowAsync(draft.WorkflowId, cancellationToken: cancellationToken) is null)
        {
            throw new ScheduleException($"No saved workflow '{draft.WorkflowId}' in tenant '{caller.TenantId}'; pick one of the list.");
        }
        var schedule = await schedules.CreateAsync(draft, cancellationToken);
        await AuditAsync(caller, "schedule.create", schedule.Id, $"{schedule.WorkflowId} {schedule.Cron} {schedule.TimeZone}", cancellationToken);
        return schedule;
    }

    /// <summary>Pause, resume, delete or trigger one of the tenant's schedules; false when it is not the tenant's (or gone).</summary>
    public async ValueTask<bool> ChangeScheduleAsync(string scheduleId, ScheduleChange change, CancellationToken cancellationToken = default)
    {
        var caller = await EditorAsync("change schedules");
        if (await FindScheduleAsync(scheduleId, cancellationToken) is null)
        {
            return false;
        }
        var done = change switch
        {
            ScheduleChange.Pause => await schedules.PauseAsync(scheduleId, cancellationToken),
            ScheduleChange.Resume => await schedules.ResumeAsync(scheduleId, cancellationToken),
            ScheduleChange.Delete => await schedules.DeleteAsync(scheduleId, cancellationToken),
            _ => await schedules.TriggerAsync(scheduleId, cancellationToken) is not null,
        };
        await AuditAsync(caller, $"schedule.{change.ToString().ToLowerInvariant()}", scheduleId, null, cancellationToken);
        return done;
    }

    private async ValueTask<StudioCaller> EditorAsync(string what)
    {
        var caller = await CallerAsync();
        return caller.CanEdit ? caller : throw new StudioAccessException($"Your role ({caller.Role}) may not {what}; an editor or admin may.");
    }

    private ValueTask AuditAsync(StudioCaller caller, string action, string target, string? detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry(caller.TenantId.Value, caller.Actor, action, target, detail), cancellationToken);
}
