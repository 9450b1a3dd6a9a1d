namespace WorkflowStudio.Engine.Metering;

/// <summary>Billing records per tool call and per workflow run, priced by the tenant's tier; monthly totals and quotas.</summary>
public interface IUsageLedger
{
    /// <summary>Records a finished run's tool calls and the run itself; recording the same run again changes nothing.</summary>
    ValueTask RecordRunAsync(string runId, CancellationToken cancellationToken = default);

    ValueTask<MonthlyUsage> GetMonthAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Whether the tenant is within its tier's monthly quotas and plan.</summary>
    ValueTask<QuotaDecision> CheckQuotaAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Usage of one tenant from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), by day, workflow, tool and kind.</summary>
    ValueTask<IReadOnlyList<UsageLine>> QueryAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Every tenant's use from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), highest cost first (for admins).</summary>
    ValueTask<IReadOnlyList<TenantSpend>> QueryTenantsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
