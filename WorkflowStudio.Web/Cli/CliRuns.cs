using System.Globalization;
using System.Text.Json;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Cli;

/// <summary>
/// How <c>run</c> and <c>orchestrate</c> start their run: through the front door of the operator's tenant
/// (<see cref="TenantId.Default"/>), like every other surface, so the default tenant's quotas apply and the audit log
/// names <c>cli:OS_USER</c>. No exemption: with <c>--storage postgres</c> the CLI shares the cluster's database, and a door
/// that skipped quotas and the audit log would let any script on the machine do so. The operator owns the limits: to
/// lift one, configure it (e.g. <c>Pricing__Tiers__orchestrated_workflows__MonthlyRuns=0</c>, 0 = no limit).
/// </summary>
internal static class CliRuns
{
    public static string Actor => $"cli:{Environment.UserName}";

    /// <summary>The run id, or null with the exit code after saying why on <paramref name="stderr"/>.</summary>
    public static async Task<(string? RunId, int ExitCode)> StartAsync(IServiceProvider services, WorkflowDefinition workflow,
        IReadOnlyDictionary<string, JsonElement> inputs, TextWriter stderr, CancellationToken cancellationToken)
    {
        var outcome = await services.GetRequiredService<RunFrontDoor>().For(TenantId.Default)
            .StartAsync(new RunStartRequest(Actor, workflow, inputs), cancellationToken);
        if (outcome.RunId is { } runId)
        {
            return (runId, StudioCli.Ok);
        }
        if (outcome.Quota is { } quota)
        {
            await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"not started: tenant '{TenantId.Default}' has used its {quota.Limit} quota ({quota.Used:0.##} of {quota.LimitValue:0.##}) until {quota.ResetsAt:yyyy-MM-dd HH:mm} UTC; ") +
                "the CLI runs as the operator's tenant and its quotas apply: raise the limit in Pricing:Tiers (0 = none), e.g. Pricing__Tiers__orchestrated_workflows__MonthlyRuns=0");
            return (null, StudioCli.QuotaExceeded);
        }
        foreach (var error in outcome.Errors)
        {
            await stderr.WriteLineAsync($"{error} (give it with --input NAME=VALUE)");
        }
        return (null, StudioCli.InvalidInput);
    }
}
