using System.Globalization;

namespace WorkflowStudio.Engine.Metering;

/// <summary>
/// The one check before a model call made on a tenant's behalf while its work runs (an <c>ai_chat</c> node, a server's
/// sampling request, re-planning, the run summary): a tenant whose plan's monthly spend limit is used up gets no more
/// model calls until it resets. The ledger is optional (a planner-only host has none, and runs nothing).
/// </summary>
public static class ModelSpend
{
    /// <summary>Why <paramref name="tenantId"/> may not call the model now, in words for the user; null when it may.</summary>
    public static async ValueTask<string?> RefusalAsync(IServiceProvider services, string? tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (tenantId is null || services.GetService(typeof(IUsageLedger)) is not IUsageLedger ledger)
        {
            return null;
        }
        var quota = await ledger.CheckQuotaAsync(tenantId, cancellationToken);
        if (!quota.PlanExhausted)
        {
            return null;
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"tenant '{tenantId}' has used ${quota.Used:0.00} of its monthly spend limit of ${quota.LimitValue:0.00} (resets {quota.ResetsAt:yyyy-MM-dd}), ") +
            "so no model is called for it until then: raise Pricing:Tiers:TIER:MonthlySpendLimitUsd or change the tenant's tier";
    }
}
