using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowStudio.Tests.TenantEscape;

public abstract partial class TenantEscapeTests
{
    /// <summary>
    /// Every route of the host, by <c>METHOD /pattern</c>, with its attack. A route mapped without a row here fails
    /// <see cref="RouteTable_EveryRoute_HasAnEscapeCase"/>: add its attack (or why it carries no tenant data) when you map it.
    /// Placeholders in queries: {runId}, {waitingRunId}, {workflowId}, {keyId}.
    /// </summary>
    private static readonly Dictionary<string, RouteEscapeCase> Routes = new(StringComparer.Ordinal)
    {
        // REST: runs
        ["GET /api/runs/"] = new(RouteAttack.List, "the tenant's runs; filtered by the victim's workflow id too", ["", "?workflow={workflowId}", "?status=awaiting_approval"]),
        ["GET /api/runs/{runId}"] = new(RouteAttack.ById, "a run's result"),
        ["GET /api/runs/{runId}/artefacts"] = new(RouteAttack.ById, "the files a run produced"),
        ["GET /api/runs/{runId}/events"] = new(RouteAttack.ById, "a run's SSE event stream"),
        ["POST /api/runs/{runId}/cancel"] = new(RouteAttack.ById, "cancels a run"),
        ["POST /api/runs/{runId}/nodes/{nodeId}/approve"] = new(RouteAttack.ById, "approves the victim's waiting node"),
        ["POST /api/runs/{runId}/nodes/{nodeId}/reject"] = new(RouteAttack.ById, "rejects the victim's waiting node", Body: _ => new { reason = "attack" }),
        ["POST /api/runs/{runId}/nodes/{nodeId}/input"] = new(RouteAttack.ById, "answers the question the victim's node waits on",
            Body: _ => new { action = "accept", content = new { name = "attack" } }),
        ["POST /api/orchestrate"] = new(RouteAttack.OwnTenantWrite, "starts a run of the attacker's, reusing the victim's Idempotency-Key (a retry must not get the victim's run)",
            Body: s => new { workflow = Api.ApiJson.Echo("attacker"), mode = "sync" }),
        ["POST /api/plan"] = new(RouteAttack.List, "plans a request naming the victim's workflow and memory: planned from the attacker's tools, priced for the attacker's tier",
            Body: s => new { request = $"run workflow {s.WorkflowId} and read memory {EscapeStudio.SecretMemoryKey}" }),
        // REST: workflows
        ["POST /api/workflows/"] = new(RouteAttack.ById, "saves a workflow as the next version of the victim's (?id=)", ["?id={workflowId}"],
            Body: s => Api.ApiJson.Echo("overwrite")),
        ["GET /api/workflows/"] = new(RouteAttack.List, "the tenant's saved workflows"),
        ["GET /api/workflows/{workflowId}/versions"] = new(RouteAttack.ById, "a saved workflow's versions"),
        ["POST /api/workflows/{workflowId}/runs"] = new(RouteAttack.ById, "starts the victim's saved workflow", ["", "?version=1"]),
        ["GET /api/workflows/{workflowId}/hooks/"] = new(RouteAttack.ById, "a saved workflow's webhooks"),
        ["POST /api/workflows/{workflowId}/hooks/"] = new(RouteAttack.ById, "adds a webhook (and so a way to start runs) to the victim's workflow"),
        ["POST /api/workflows/{workflowId}/hooks/{hookId}/rotate"] = new(RouteAttack.ById, "rotates the victim's webhook secret (it would be shown)"),
        ["DELETE /api/workflows/{workflowId}/hooks/{hookId}"] = new(RouteAttack.ById, "deletes the victim's webhook"),
        ["POST /hooks/{hookId}"] = new(RouteAttack.ById, "a delivery to the victim's webhook, keyed but not signed: refused like one to an id that exists nowhere (401)"),
        // REST: admin, usage, catalog
        ["GET /api/admin/keys"] = new(RouteAttack.List, "the tenant's API keys"),
        ["POST /api/admin/keys"] = new(RouteAttack.OwnTenantWrite, "creates a key: always in the caller's tenant", Body: _ => new { name = "attacker", role = "admin" }),
        ["DELETE /api/admin/keys/{keyId}"] = new(RouteAttack.ById, "revokes one of the victim's keys (by id and by prefix)", ["", "?prefix"]),
        ["GET /api/admin/audit"] = new(RouteAttack.List, "the tenant's audit log"),
        ["GET /api/usage"] = new(RouteAttack.List, "the tenant's usage, every grouping and the CSV", ["", "?groupBy=workflow", "?groupBy=tool", "?format=csv"]),
        ["GET /api/templates"] = new(RouteAttack.List, "the built-in template gallery"),
        ["GET /api/tools"] = new(RouteAttack.List, "the tool catalog as the tenant sees it (the victim's OpenAPI import must not be in it)"),
        // Downloads and pages (the API key is accepted like a sign-in)
        ["GET /runs/{runId}/result.json"] = new(RouteAttack.ById, "a run's result download"),
        ["GET /runs/{runId}/artefacts/{**path}"] = new(RouteAttack.ById, "one file a run produced, as a download and inline",
            [$"/{EscapeStudio.SecretFile}", $"/{EscapeStudio.SecretFile}?inline=true", "/private/api.json"]),
        ["GET /workflows/{workflowId}/workflow.json"] = new(RouteAttack.ById, "a saved workflow's download", ["", "?version=1"]),
        ["GET /usage/usage.csv"] = new(RouteAttack.List, "the browser's usage CSV"),
        ["GET /runs/{RunId}"] = new(RouteAttack.ById, "the run page"),
        ["GET /workflows/{WorkflowId}"] = new(RouteAttack.ById, "the studio page on a saved workflow"),
        ["GET /workflows/{WorkflowId}/compare"] = new(RouteAttack.ById, "two saved versions of a workflow side by side", ["", "?a=1&b=1"]),
        ["GET /runs/{RunId}/revisions/{Revision:int}/compare"] = new(RouteAttack.ById, "a run's plan before and after a re-plan"),
        ["GET /"] = new(RouteAttack.List, "the home page (recent runs)"),
        ["GET /runs"] = new(RouteAttack.List, "the runs page"),
        ["GET /schedules"] = new(RouteAttack.List, "the schedules page"),
        ["GET /usage"] = new(RouteAttack.List, "the usage page"),
        ["GET /tools"] = new(RouteAttack.List, "the tools page (tenant's catalog)"),
        ["GET /templates"] = new(RouteAttack.List, "the template gallery page"),
        ["GET /studio"] = new(RouteAttack.List, "the editor page (tool palette, saved workflows)"),
        ["GET /admin"] = new(RouteAttack.List, "monitoring of every tenant: for the operator (an admin of the default tenant) only"),
        ["GET /hangfire/{**path}"] = new(RouteAttack.List, "Hangfire's dashboard, whose jobs are every tenant's: for the operator only",
            ["/", "/jobs/scheduled", "/jobs/succeeded", "/recurring", "/jobs/processing"]),
        ["GET /error"] = new(RouteAttack.NoTenantData, "the error page"),
        ["GET /not-found"] = new(RouteAttack.NoTenantData, "the not-found page"),
        // Pages also answer POST (forms): the same attacks, without an antiforgery token
        ["POST /runs/{RunId}"] = new(RouteAttack.ById, "the run page"),
        ["POST /workflows/{WorkflowId}"] = new(RouteAttack.ById, "the studio page on a saved workflow"),
        ["POST /workflows/{WorkflowId}/compare"] = new(RouteAttack.ById, "two saved versions of a workflow side by side"),
        ["POST /runs/{RunId}/revisions/{Revision:int}/compare"] = new(RouteAttack.ById, "a run's plan before and after a re-plan"),
        ["POST /"] = new(RouteAttack.List, "the home page"),
        ["POST /runs"] = new(RouteAttack.List, "the runs page"),
        ["POST /schedules"] = new(RouteAttack.List, "the schedules page"),
        ["POST /usage"] = new(RouteAttack.List, "the usage page"),
        ["POST /tools"] = new(RouteAttack.List, "the tools page"),
        ["POST /templates"] = new(RouteAttack.List, "the template gallery page"),
        ["POST /studio"] = new(RouteAttack.List, "the editor page"),
        ["POST /admin"] = new(RouteAttack.List, "monitoring of every tenant: for the operator only"),
        ["POST /error"] = new(RouteAttack.NoTenantData, "the error page"),
        ["POST /not-found"] = new(RouteAttack.NoTenantData, "the not-found page"),
        // Transports attacked operation by operation elsewhere in this suite
        ["GET /hubs/runs"] = new(RouteAttack.OtherSurface, "the runs hub: each hub method is attacked by HubMethods"),
        ["GET /hubs/runs/negotiate"] = new(RouteAttack.OtherSurface, "the runs hub's negotiation"),
        ["POST /mcp/"] = new(RouteAttack.OtherSurface, "the MCP endpoint (stateless Streamable HTTP): each MCP tool is attacked by McpTools"),
        ["GET /mcp"] = new(RouteAttack.NoTenantData, "answers 405: the MCP endpoint offers no event stream on GET"),
        ["GET /_blazor"] = new(RouteAttack.OtherSurface, "the pages' interactive circuit: its data comes from the pages attacked above (StudioTenant)"),
        ["GET /_blazor/negotiate"] = new(RouteAttack.OtherSurface, "the circuit's negotiation"),
        ["GET /_blazor/disconnect/"] = new(RouteAttack.OtherSurface, "the circuit's disconnect"),
        ["GET /_blazor/initializers/"] = new(RouteAttack.NoTenantData, "the circuit's JavaScript initializers"),
        ["GET /_framework/opaque-redirect"] = new(RouteAttack.NoTenantData, "Blazor's redirect helper"),
        ["GET /{**path:file}"] = new(RouteAttack.NoTenantData, "the static-file fallback of the pages"),
        ["POST /logout"] = new(RouteAttack.NoTenantData, "ends a cookie sign-in"),
        ["GET /health"] = new(RouteAttack.NoTenantData, "anonymous health probe"),
        ["GET /login"] = new(RouteAttack.NoTenantData, "anonymous sign-in form"),
        ["POST /login"] = new(RouteAttack.NoTenantData, "anonymous sign-in"),
        ["GET /openapi/{documentName}.json"] = new(RouteAttack.NoTenantData, "the public API description"),
        ["GET /api-reference/{documentName?}"] = new(RouteAttack.NoTenantData, "the API reference UI"),
    };

    [Fact]
    public void RouteTable_EveryRoute_HasAnEscapeCase()
    {
        var mapped = RouteKeys().Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

        var missing = mapped.Where(k => !Routes.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var stale = Routes.Keys.Where(k => !mapped.Contains(k)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0 && stale.Count == 0,
            "Routes without a tenant-escape case; add each to TenantEscapeTests.Routes with its attack:\n" + string.Join("\n", missing) +
            "\nTenantEscapeTests.Routes lists routes the host no longer maps; remove them:\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task Routes_WithTheAttackersKeys_ReachNothingOfTheVictims()
    {
        var before = await VictimSnapshot.TakeAsync(Studio);
        var attempts = 0;
        var escaped = new List<string>();
        foreach (var (key, method, pattern) in RouteKeys().DistinctBy(r => r.Key))
        {
            if (!Routes.TryGetValue(key, out var escape) || escape.Attack == RouteAttack.OtherSurface)
            {
                continue;
            }
            foreach (var target in Targets(pattern, escape))
            {
                foreach (var client in new[] { Studio.Attacker.Admin, Studio.Attacker.Editor })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), target) { Content = method == "GET" ? null : escape.Content(Studio) };
                    request.Headers.Add("Idempotency-Key", Studio.IdempotencyKey);
                    var sent = request.Content is null ? "" : await request.Content.ReadAsStringAsync();
                    using var response = await client.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    var what = $"{method} {target} with the attacker's {(client == Studio.Attacker.Admin ? "admin" : "editor")} key ({escape.Why})";
                    var named = Studio.Forbidden.Where(f => target.Contains(f, StringComparison.Ordinal)).ToList();
                    Assert.True(escape.Attack != RouteAttack.ById || named.Count > 0, $"{what}: a by-id attack must name one of the victim's ids");
                    if ((int)response.StatusCode >= 500)
                    {
                        escaped.Add($"{what} answered {(int)response.StatusCode}: {EscapeStudio.Excerpt(body, "")}");
                    }
                    if (escape.Attack == RouteAttack.ById && await UnknownIdStatusAsync(client, method, target, named, escape) is var unknown
                        && (response.StatusCode != unknown || response.IsSuccessStatusCode))
                    {
                        escaped.Add($"{what} answered {(int)response.StatusCode}; the same request for an id that does not exist answers {(int)unknown}: {EscapeStudio.Excerpt(body, "")}");
                    }
                    // A 404 may repeat the id it was asked for, and an answer may quote the attacker's own request (a planner
                    // saying what it could not plan); nothing else of the victim's.
                    foreach (var id in named.Concat(Studio.Forbidden.Where(f => sent.Contains(f, StringComparison.Ordinal))))
                    {
                        body = body.Replace(id, "(asked id)", StringComparison.Ordinal);
                    }
                    if (Studio.Forbidden.FirstOrDefault(f => body.Contains(f, StringComparison.Ordinal)) is { } shown)
                    {
                        escaped.Add($"{what} showed the victim's '{shown}': {EscapeStudio.Excerpt(body, shown)}");
                    }
                    attempts++;
                }
            }
        }
        Assert.True(escaped.Count == 0, $"{escaped.Count} route attempts reached the victim's data:\n" + string.Join("\n\n", escaped));
        Assert.True(attempts >= 60, $"only {attempts} route attempts ran; is the route table complete?");
        Assert.Equal(before, await VictimSnapshot.TakeAsync(Studio));
    }

    /// <summary>
    /// What the route answers when the victim's ids in <paramref name="target"/> are replaced by ids that exist nowhere: a by-id
    /// attack must get exactly that (404 for a key allowed to call the route; 403 for a role that may not, 400 for a page
    /// post without a form token), so the answer never tells whether the victim's id exists.
    /// </summary>
    private async Task<HttpStatusCode> UnknownIdStatusAsync(HttpClient client, string method, string target, IEnumerable<string> ids, RouteEscapeCase escape)
    {
        var unknown = ids.Aggregate(target, (path, id) => path.Replace(id, id[..Math.Min(4, id.Length)] + new string('0', Math.Max(0, id.Length - 4)), StringComparison.Ordinal));
        using var request = new HttpRequestMessage(new HttpMethod(method), unknown) { Content = method == "GET" ? null : escape.Content(Studio) };
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The URLs to try for one route: parameters filled with the victim's ids, each query or path tail of its case.</summary>
    private IEnumerable<string> Targets(string pattern, RouteEscapeCase escape)
    {
        var runIds = pattern.Contains("/nodes/", StringComparison.Ordinal) ? [Studio.WaitingRunId] : new[] { Studio.FinishedRunId, Studio.WaitingRunId };
        foreach (var runId in pattern.Contains("{runId}", StringComparison.OrdinalIgnoreCase) ? runIds : [Studio.FinishedRunId])
        {
            var path = Regex.Replace(pattern, @"\{\*{0,2}([^}:?=]+)[^}]*\}", m => m.Groups[1].Value.ToLowerInvariant() switch
            {
                "runid" => runId,
                "nodeid" => Studio.WaitingNodeId,
                "workflowid" => Studio.WorkflowId,
                "keyid" => VictimKeyId,
                "hookid" => Studio.HookId,
                "documentname" => "v1",
                "revision" => "1",
                _ => "",
            }, RegexOptions.None, TimeSpan.FromSeconds(1)).Replace("//", "/", StringComparison.Ordinal);
            foreach (var query in escape.Queries ?? [""])
            {
                var filled = query
                    .Replace("{runId}", runId, StringComparison.Ordinal).Replace("{waitingRunId}", Studio.WaitingRunId, StringComparison.Ordinal)
                    .Replace("{workflowId}", Studio.WorkflowId, StringComparison.Ordinal).Replace("{keyId}", VictimKeyId, StringComparison.Ordinal);
                yield return filled == "?prefix" ? path.Replace(VictimKeyId, VictimKeyPrefix, StringComparison.Ordinal)
                    : filled.StartsWith('/') ? path.TrimEnd('/') + filled
                    : path + filled;
            }
        }
    }

    private string VictimKeyId => Studio.VictimKey.Id;

    private string VictimKeyPrefix => Studio.VictimKey.Prefix;

    /// <summary>Every mapped route with each of its methods as <c>METHOD /pattern</c>; static files are left out.</summary>
    private IEnumerable<(string Key, string Method, string Pattern)> RouteKeys()
    {
        var sources = Studio.Host.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.RoutePattern.RawText is not { } raw || endpoint.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal)))
            {
                continue;
            }
            var pattern = "/" + raw.TrimStart('/');
            if (pattern.StartsWith("/api-reference/", StringComparison.Ordinal) && !pattern.Contains('{', StringComparison.Ordinal))
            {
                continue; // the reference UI's own files
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m is not ("OPTIONS" or "HEAD")).Distinct())
            {
                yield return ($"{method} {pattern}", method, pattern);
            }
        }
    }
}
