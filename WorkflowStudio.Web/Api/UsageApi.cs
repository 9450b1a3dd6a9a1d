using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Api;

/// <summary><c>GET /api/usage?from=&amp;to=&amp;groupBy=day|workflow|tool&amp;format=json|csv</c>: the tenant's spend.</summary>
internal static class UsageApi
{
    private static readonly string[] GroupKinds = ["day", "workflow", "tool"];

    public static RouteGroupBuilder MapUsageApi(this RouteGroupBuilder api)
    {
        api.MapGet("/usage", GetAsync).RequireAuthorization(StudioPolicies.Viewer).WithName("GetUsage").WithTags("Usage")
            .WithSummary("Spend by day, workflow or tool (from/to are UTC dates, to exclusive; default this month); format=csv exports every line.");
        return api;
    }

    internal static async Task<Results<Ok<UsageReport>, FileContentHttpResult, ProblemHttpResult>> GetAsync(
        HttpContext context, IUsageLedger ledger, ITenantDirectory tenants, IOptions<PricingOptions> pricing, TimeProvider time,
        string? from, string? to, string? groupBy, string? format)
    {
        var caller = ApiCaller.Of(context.User);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var start = new DateOnly(today.Year, today.Month, 1);
        if (!TryDate(from, start, out var first) || !TryDate(to, start.AddMonths(1), out var end) || end <= first)
        {
            return ApiProblems.BadRequest("'from' and 'to' must be dates like 2026-01-31 with 'from' before 'to' ('to' is exclusive).");
        }
        var group = groupBy ?? "day";
        if (!GroupKinds.Contains(group) || format is not (null or "json" or "csv"))
        {
            return ApiProblems.BadRequest($"'groupBy' must be one of {string.Join(", ", GroupKinds)}; 'format' json or csv.");
        }
        var lines = await ledger.QueryAsync(caller.TenantId, ToOffset(first), ToOffset(end), context.RequestAborted);
        if (format == "csv")
        {
            return TypedResults.File(Encoding.UTF8.GetBytes(Csv(lines)), "text/csv; charset=utf-8", $"usage-{caller.TenantId}-{first:yyyy-MM-dd}.csv");
        }
        var tier = (await tenants.GetTenantAsync(caller.TenantId, context.RequestAborted))?.Tier ?? PricingTiers.Orchestrated;
        var prices = pricing.Value.For(tier);
        var month = await ledger.GetMonthAsync(caller.TenantId, context.RequestAborted);
        var groups = lines.GroupBy(l => group switch
            {
                "workflow" => l.WorkflowId,
                "tool" => l.Tool ?? "(workflow runs)",
                _ => l.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }, StringComparer.Ordinal)
            .Select(g => UsageGroup.Of(g.Key, g)).ToArray();
        return TypedResults.Ok(new UsageReport(caller.TenantId, tier, first, end, group,
            new UsageMonth(month.Runs, prices.MonthlyRuns, month.ToolCalls, prices.MonthlyToolCalls, month.SpendUsd, prices.MonthlySpendLimitUsd, month.ResetsAt),
            groups, lines.Sum(l => l.CostUsd)));
    }

    internal static string Csv(IEnumerable<UsageLine> lines)
    {
        var csv = new StringBuilder("day,workflow_id,tool,kind,quantity,cost_usd\n");
        foreach (var l in lines)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{l.Day:yyyy-MM-dd},{Field(l.WorkflowId)},{Field(l.Tool ?? "")},{l.Kind},{l.Quantity},{l.CostUsd:0.######}\n");
        }
        return csv.ToString();
    }

    /// <summary>Quotes fields with separators, and neutralises spreadsheet formulas (=, +, -, @).</summary>
    private static string Field(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        date = fallback;
        return text is null || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static DateTimeOffset ToOffset(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
