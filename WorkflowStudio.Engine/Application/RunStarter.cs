using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Application;

/// <summary>
/// The one way every run starts (API, studio, MCP, schedules, follow-ups, CLI; always through <see cref="TenantRuns"/>):
/// idempotency key first (a retry gets the same run, even past a quota), then the tenant's quotas, then validation with
/// the inputs, then the run, journaled with its tenant and audited with the actor that asked.
/// </summary>
internal sealed class RunStarter(
    IRunCoordinator coordinator, IUsageLedger ledger, IIdempotencyStore idempotency, IAuditLog audit, IToolCatalog catalog)
{
    public async ValueTask<RunStartOutcome> StartAsync(TenantId tenant, RunStartRequest request, CancellationToken cancellationToken)
    {
        if (request.IdempotencyKey is { } key)
        {
            var claim = await idempotency.ClaimAsync(tenant.Value, key, request.RequestHash, cancellationToken);
            if (!claim.Claimed)
            {
                return claim switch
                {
                    { Conflict: true } => new RunStartOutcome { Conflict = $"Idempotency-Key '{key}' was used before with a different request; use a new key for a new request." },
                    { RunId: null } => new RunStartOutcome { Conflict = $"A request with Idempotency-Key '{key}' is still starting its run; retry in a moment." },
                    _ => new RunStartOutcome { RunId = claim.RunId, Reused = true },
                };
            }
        }
        try
        {
            var quota = await ledger.CheckQuotaAsync(tenant.Value, cancellationToken);
            if (!quota.Allowed)
            {
                await ReleaseAsync(tenant, request, cancellationToken);
                return new RunStartOutcome { Quota = quota };
            }
            var errors = await WorkflowValidator.ValidateAsync(request.Workflow, catalog.ForTenant(tenant.Value), request.Inputs, cancellationToken);
            if (errors.Count > 0)
            {
                await ReleaseAsync(tenant, request, cancellationToken);
                return new RunStartOutcome { Errors = errors };
            }
            var runId = await coordinator.StartAsync(request.Workflow, request.Inputs, tenant, request.WorkflowId, request.Actor, cancellationToken);
            if (request.IdempotencyKey is { } claimed)
            {
                await idempotency.CompleteAsync(tenant.Value, claimed, runId, CancellationToken.None);
            }
            await audit.RecordAsync(new AuditEntry(tenant.Value, request.Actor, "run.start", runId, request.Workflow.Name), CancellationToken.None);
            return new RunStartOutcome { RunId = runId };
        }
        catch (OperationCanceledException)
        {
            await ReleaseAsync(tenant, request, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The workflow's input defaults overridden by <paramref name="given"/>.</summary>
    public static Dictionary<string, JsonElement> InputsFor(WorkflowDefinition workflow, IReadOnlyDictionary<string, JsonElement>? given)
    {
        var values = workflow.Inputs.Where(i => i.Value.Default is not null).ToDictionary(i => i.Key, i => i.Value.Default!.Value, StringComparer.Ordinal);
        foreach (var (name, value) in given ?? new Dictionary<string, JsonElement>())
        {
            values[name] = value;
        }
        return values;
    }

    /// <summary>A stable hash of what a request asks for, to tell a retry from a different request under the same key.</summary>
    public static string HashOf(string canonicalRequest) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));

    private async ValueTask ReleaseAsync(TenantId tenant, RunStartRequest request, CancellationToken cancellationToken)
    {
        if (request.IdempotencyKey is { } key)
        {
            await idempotency.ReleaseAsync(tenant.Value, key, cancellationToken);
        }
    }
}
