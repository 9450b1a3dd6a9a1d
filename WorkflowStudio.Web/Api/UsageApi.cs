using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Api;

/// <summary><c>GET /api/usage?from=&amp;to=&amp;groupBy=day|workflow|tool&amp;format=json|csv</c>: the tenant's spend.</summary>
internal static class UsageApi
{
    /// <summary>The browser's CSV download, mapped with the studio pages (cookie authentication).</summary>
    public const string BrowserCsvPath = "/usage/usage.csv";

    public static RouteGroupBuilder MapUsageApi(this RouteGroupBuilder api)
    {
        api.MapGet("/usage", GetAsync).RequireAuthorization(StudioPolicies.Viewer).WithName("GetUsage").WithTags("Usage")
            .WithSummary("Spend by day, workflow or tool (from/to are UTC dates, to exclusive; default this month); format=csv exports every line.");
        return api;
    }

    internal static async Task<Results<Ok<UsageReport>, FileContentHttpResult, ProblemHttpResult>> GetAsync(
        HttpContext context, UsageReports reports, string? from, string? to, string? groupBy, string? format)
    {
        var caller = StudioCaller.Of(context.User);
        var start = reports.MonthStart();
        if (!TryDate(from, start, out var first) || !TryDate(to, start.AddMonths(1), out var end) || end <= first)
        {
            return ApiProblems.BadRequest("'from' and 'to' must be dates like 2026-01-31 with 'from' before 'to' ('to' is exclusive).");
        }
        var group = groupBy ?? "day";
        if (!UsageReports.GroupKinds.Contains(group) || format is not (null or "json" or "csv"))
        {
            return ApiProblems.BadRequest($"'groupBy' must be one of {string.Join(", ", UsageReports.GroupKinds)}; 'format' json or csv.");
        }
        var lines = await reports.LinesAsync(caller.TenantId.Value, first, end, context.RequestAborted);
        if (format == "csv")
        {
            return CsvFile(caller.TenantId.Value, first, lines);
        }
        var (tier, month) = await reports.MonthAsync(caller.TenantId.Value, context.RequestAborted);
        return TypedResults.Ok(new UsageReport(caller.TenantId.Value, tier, first, end, group, month,
            UsageReports.Group(lines, group), lines.Sum(l => l.CostUsd)));
    }

    /// <summary>
    /// <c>GET /usage/usage.csv?from=&amp;to=</c> for the browser (the cookie, not an API key): the signed-in user's tenant's
    /// lines, the same file as <c>/api/usage?format=csv</c>.
    /// </summary>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> BrowserCsvAsync(
        HttpContext context, UsageReports reports, string? from, string? to)
    {
        var tenant = StudioCaller.Of(context.User).TenantId.Value;
        var start = reports.MonthStart();
        if (!TryDate(from, start, out var first) || !TryDate(to, start.AddMonths(1), out var end) || end <= first)
        {
            return ApiProblems.BadRequest("'from' and 'to' must be dates like 2026-01-31 with 'from' before 'to' ('to' is exclusive).");
        }
        return CsvFile(tenant, first, await reports.LinesAsync(tenant, first, end, context.RequestAborted));
    }

    private static FileContentHttpResult CsvFile(string tenantId, DateOnly first, IEnumerable<UsageLine> lines) =>
        TypedResults.File(Encoding.UTF8.GetBytes(Csv(lines)), "text/csv; charset=utf-8", $"usage-{tenantId}-{first:yyyy-MM-dd}.csv");

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
}
