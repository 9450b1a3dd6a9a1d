using Dapper;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Metering;

/// <summary>Billing records in the studio database (table <c>billing_records</c>, migration 0005); costs in micro-USD.</summary>
internal sealed partial class UsageLedger : IUsageLedger
{
    private const long DayMs = 86_400_000;

    private readonly IDatabase _database;
    private readonly IRunReader _runs;
    private readonly ITenantDirectory _tenants;
    private readonly IWorkflowPricing _pricing;
    private readonly PricingOptions _options;
    private readonly TimeProvider _time;

    public UsageLedger(IDatabase database, IRunReader runs, ITenantDirectory tenants, IOptions<PricingOptions> options, IWorkflowPricing pricing, TimeProvider time)
    {
        _database = database;
        _runs = runs;
        _tenants = tenants;
        _options = options.Value;
        _pricing = pricing;
        _time = time;
    }

    public async ValueTask RecordRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await _runs.GetRunAsync(runId, cancellationToken);
        if (run is null || !RunStatus.IsTerminal(run.Status))
        {
            return;
        }
        var nodes = await _runs.GetNodeRunsAsync(runId, cancellationToken);
        var called = nodes.Where(n => n.Attempts > 0).ToArray();
        if (called.Length == 0)
        {
            return; // nothing was executed: nothing to bill
        }
        var tier = (await _tenants.GetTenantAsync(run.TenantId, cancellationToken))?.Tier ?? PricingTiers.Default;
        // The same price the studio showed before Run; tokens are billed from their own records (usage_records).
        var price = _pricing.Price(WorkflowJson.Parse(run.Definition).Workflow, tier, called.Length, RunUsage.None);
        var at = run.FinishedAt ?? _time.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = called
            .Select(n => new BillingRow(at, run.TenantId, runId, run.WorkflowId, n.NodeId, UsageKinds.ToolCall, n.Tool, price.Tier, Micro(price.PerCallUsd)))
            .Append(new BillingRow(at, run.TenantId, runId, run.WorkflowId, "", UsageKinds.WorkflowRun, null, price.Tier, Micro(price.RunFeeUsd)))
            .ToArray();
        await _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "INSERT INTO billing_records (at, tenant_id, run_id, workflow_id, node_id, kind, tool, tier, cost_micro_usd) " +
            "VALUES (@At, @TenantId, @RunId, @WorkflowId, @NodeId, @Kind, @Tool, @Tier, @CostMicroUsd) ON CONFLICT (run_id, node_id, kind) DO NOTHING",
            rows, transaction), cancellationToken);
    }

    public async ValueTask<MonthlyUsage> GetMonthAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var (start, reset) = CurrentMonth();
        await using var connection = await _database.OpenAsync(cancellationToken);
        var runs = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM runs WHERE tenant_id = @tenantId AND created_at >= @start",
            new { tenantId, start = start.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        var billed = await connection.QuerySingleAsync<MonthRow>(new CommandDefinition(
            "SELECT CAST(COALESCE(SUM(CASE WHEN kind = @toolCall THEN 1 ELSE 0 END), 0) AS BIGINT) AS ToolCalls, " +
            "CAST(COALESCE(SUM(cost_micro_usd), 0) AS BIGINT) AS CostMicroUsd FROM billing_records WHERE tenant_id = @tenantId AND at >= @start",
            new { tenantId, start = start.ToUnixTimeMilliseconds(), toolCall = UsageKinds.ToolCall }, cancellationToken: cancellationToken));
        var tokens = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT CAST(COALESCE(SUM(u.cost_micro_usd), 0) AS BIGINT) FROM usage_records u JOIN runs r ON r.id = u.run_id " +
            "WHERE r.tenant_id = @tenantId AND u.at >= @start", new { tenantId, start = start.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return new MonthlyUsage((int)runs, (int)billed.ToolCalls, (billed.CostMicroUsd + tokens) / 1_000_000m, start, reset);
    }

    public async ValueTask<QuotaDecision> CheckQuotaAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var tier = (await _tenants.GetTenantAsync(tenantId, cancellationToken))?.Tier ?? PricingTiers.Default;
        var prices = _options.For(tier);
        var month = await GetMonthAsync(tenantId, cancellationToken);
        if (prices.MonthlySpendLimitUsd > 0 && month.SpendUsd >= prices.MonthlySpendLimitUsd)
        {
            return new QuotaDecision(false, QuotaDecision.MonthlySpend, prices.MonthlySpendLimitUsd, month.SpendUsd, month.ResetsAt);
        }
        if (prices.MonthlyRuns > 0 && month.Runs >= prices.MonthlyRuns)
        {
            return new QuotaDecision(false, QuotaDecision.MonthlyRuns, prices.MonthlyRuns, month.Runs, month.ResetsAt);
        }
        if (prices.MonthlyToolCalls > 0 && month.ToolCalls >= prices.MonthlyToolCalls)
        {
            return new QuotaDecision(false, QuotaDecision.MonthlyToolCalls, prices.MonthlyToolCalls, month.ToolCalls, month.ResetsAt);
        }
        return QuotaDecision.Allow;
    }

    private (DateTimeOffset Start, DateTimeOffset Reset) CurrentMonth()
    {
        var now = _time.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return (start, start.AddMonths(1));
    }

    private static long Micro(decimal usd) => (long)decimal.Round(usd * 1_000_000m, MidpointRounding.AwayFromZero);

    private sealed record BillingRow(long At, string TenantId, string RunId, string WorkflowId, string NodeId, string Kind, string? Tool, string Tier, long CostMicroUsd);

    private sealed record MonthRow(long ToolCalls, long CostMicroUsd);
}
