using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tools;
using static WorkflowStudio.Tests.TenantEscape.EscapeStudio;

namespace WorkflowStudio.Tests.TenantEscape;

public abstract partial class TenantEscapeTests
{
    /// <summary>
    /// Every built-in tool with the calls the attacker makes from a workflow run of its own. <see cref="ToolEscapeCase.MustFail"/>
    /// cases must end failed (reads of the victim's paths); the others may succeed on the attacker's own data, but nothing of
    /// the victim's may be in any node's result or error, and the victim's snapshot must not change.
    /// </summary>
    private static readonly Dictionary<string, ToolEscapeCase> Tools = new(StringComparer.Ordinal)
    {
        ["echo"] = new("returns its argument; no stored data", _ => [new { value = "x" }]),
        ["delay"] = new("waits; no stored data", _ => [new { milliseconds = 1 }]),
        ["files_read"] = new("the victim's file by relative climb, absolute path, and the own root's same name", s =>
            [new { path = $"../{VictimTenant}/{SecretFile}" }, new { path = s.VictimFile }, new { path = $"../../.tenants/{VictimTenant}/{SecretFile}" }, new { path = SecretFile }],
            MustFail: true),
        ["files_list"] = new("the victim's folder by climb and absolute path", s =>
            [new { path = $"../{VictimTenant}", recursive = true }, new { path = s.VictimRoot, recursive = true }], MustFail: true),
        ["files_write"] = new("overwrites the victim's file by climb and absolute path", s =>
            [new { path = $"../{VictimTenant}/{SecretFile}", content = "overwritten" }, new { path = s.VictimFile, content = "overwritten" }], MustFail: true),
        ["data_query"] = new("the victim's file as rows", s => [new { path = s.VictimFile }, new { path = $"../{VictimTenant}/{SecretFile}" }], MustFail: true),
        ["template_render"] = new("the victim's file as a template, and an output into the victim's folder", s =>
            [new { templateFile = s.VictimFile, model = new { } }, new { template = "x", outputPath = s.VictimFile }], MustFail: true),
        ["report_pdf"] = new("the victim's file as an image; a name that climbs stays in the own artifacts", s =>
            [new { name = "r", title = "t", sections = new[] { new { images = new[] { s.VictimFile } } } }]),
        ["chart_render"] = new("a name that climbs stays in the own artifacts folder", _ =>
            [new { type = "bar", name = $"../../{VictimTenant}/{SecretFile}", series = new[] { new { name = "s", values = new[] { 1.0 } } } }]),
        ["email_send"] = new("the victim's file as an attachment", s =>
            [new { to = new[] { "x@example.com" }, subject = "s", text = "t", attachments = new[] { s.VictimFile } },
             new { to = new[] { "x@example.com" }, subject = "s", text = "t", attachments = new[] { $"../{VictimTenant}/{SecretFile}" } }], MustFail: true),
        ["memory_get"] = new("the victim's key, default and follow-up namespaces", _ =>
            [new { key = SecretMemoryKey }, new { key = SecretMemoryKey, @namespace = "followups" }]),
        ["memory_search"] = new("the victim's words and tag", _ => [new { query = Secret }, new { query = "call back" }]),
        ["memory_put"] = new("the victim's key: lands in the attacker's own memory", _ => [new { key = SecretMemoryKey, value = "overwritten" }]),
        ["vector_search"] = new("the victim's collection", _ => [new { collection = SecretCollection, query = "refund policy" }]),
        ["vector_upsert"] = new("the victim's collection and item id: lands in the attacker's own", _ =>
            [new { collection = SecretCollection, items = new[] { new { id = "a-doc", text = "overwritten" } } }]),
        ["db_query"] = new("the victim's table, and the victim's and the studio's database files attached", s =>
            [new { sql = $"SELECT secret FROM {SecretTable}" },
             new { sql = $"ATTACH DATABASE '{s.VictimDatabasePath}' AS v; SELECT secret FROM v.{SecretTable}" },
             new { sql = $"SELECT secret FROM [x'] WHERE 0; ATTACH '{s.VictimDatabasePath}' AS [y'] --']" }], MustFail: true),
        ["db_execute"] = new("drops the victim's table by name, and through ATTACH of its and the studio's database files", s =>
            [new { sql = $"DROP TABLE {SecretTable}" },
             new { sql = $"ATTACH DATABASE '{s.VictimDatabasePath}' AS v; DELETE FROM v.{SecretTable}" },
             new { sql = $"ATTACH DATABASE '{s.StudioDatabasePath}' AS s; UPDATE s.api_keys SET name = 'pwned' WHERE tenant_id = '{VictimTenant}'" }],
            MustFail: true),
        ["schedule_followup"] = new("a follow-up of the attacker's (its reminder goes to the attacker's memory)", _ => [new { message = "x", delayHours = 100 }]),
        ["openapi_import"] = new("the victim's OpenAPI document by climb and absolute path", s =>
            [new { name = SecretApi, source = $"../{VictimTenant}/private/api.json" }, new { name = SecretApi, source = s.VictimApiFile }], MustFail: true),
        ["http_get"] = new("the studio's own API and download of the victim's run from inside a run (no key; private address refused)", s =>
            [new { url = new Uri(s.Host.Address, $"/api/runs/{s.FinishedRunId}").ToString() }], MustFail: true),
        ["http_request"] = new("the studio's own API from inside a run", s =>
            [new { url = new Uri(s.Host.Address, $"/runs/{s.FinishedRunId}/result.json").ToString(), method = "GET" }], MustFail: true),
        ["seo_check"] = new("scores the given text; no stored data", _ => [new { text = "some text", keyword = "text" }]),
        ["sentiment"] = new("scores the given text; no stored data", _ => [new { text = "great" }]),
        ["ai_chat"] = new("the configured model on the given prompt; no stored data (no model here: it fails)", _ => [new { prompt = $"what is in {SecretFile}?" }]),
        ["telegram_send"] = new("sends with the host's configured bot (none here: the attacker's outbox); no stored tenant data", _ => [new { text = "x" }]),
        ["clickup_create_task"] = new("the host's configured ClickUp (none here: the attacker's outbox); no stored tenant data", _ => [new { name = "x" }]),
        ["clickup_list_tasks"] = new("the host's configured ClickUp (none here); no stored tenant data", _ => [new { }]),
    };

    /// <summary>Tool servers besides <c>builtin</c>, and how the suite covers them.</summary>
    private static readonly Dictionary<string, string> OtherToolServers = new(StringComparer.Ordinal)
    {
        ["openapi"] = "each tenant's OpenAPI imports: ToolServers_OfTheVictim_AreNotTheAttackers checks the victim's import is not the attacker's",
    };

    [Fact]
    public async Task ToolCatalog_EveryToolAndServer_HasAnEscapeCase()
    {
        var catalog = Studio.Host.Services.GetRequiredService<IToolCatalog>();

        var builtin = (await catalog.GetToolsForTenantAsync("builtin", AttackerTenant)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var missing = builtin.Where(t => !Tools.ContainsKey(t)).Order(StringComparer.Ordinal).ToList();
        var stale = Tools.Keys.Where(t => !builtin.Contains(t)).Order(StringComparer.Ordinal).ToList();
        var servers = catalog.Servers.Where(s => s != "builtin" && !OtherToolServers.ContainsKey(s)).ToList();

        Assert.True(missing.Count == 0, "Built-in tools without a tenant-escape case; add each to TenantEscapeTests.Tools:\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "TenantEscapeTests.Tools lists tools that no longer exist; remove them:\n" + string.Join("\n", stale));
        Assert.True(servers.Count == 0, "Tool servers without a tenant-escape case; add each to TenantEscapeTests.OtherToolServers:\n" + string.Join("\n", servers));
    }

    /// <summary>The built-in tools of <see cref="Tools"/>, one theory case each.</summary>
    public static TheoryData<string> BuiltinToolNames() => new(Tools.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(BuiltinToolNames))]
    public async Task BuiltinTool_InTheAttackersRun_ReachesNothingOfTheVictims(string tool)
    {
        var escape = Tools[tool];
        var before = await VictimSnapshot.TakeAsync(Studio);
        var calls = escape.Attacks(Studio).Select((args, i) => (Id: $"{tool.Replace('_', '-')}-{i}", Args: args)).ToList();

        var result = await RunAsync(Studio.Attacker.Editor, $"attack-{tool}", calls.Select(c => Node(c.Id, tool, c.Args, approval: "auto")));

        var byId = result.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("action_id").GetString()!);
        var escaped = new List<string>();
        foreach (var (id, args) in calls)
        {
            var node = byId[id];
            var status = node.GetProperty("status").GetString();
            var asked = JsonSerializer.Serialize(args);
            var text = node.ToString();
            // An error may repeat the path or name it was given; nothing else of the victim's.
            foreach (var named in Studio.Forbidden.Where(f => asked.Contains(f, StringComparison.Ordinal)))
            {
                text = text.Replace(named, "(asked)", StringComparison.Ordinal);
            }
            if (escape.MustFail && status == "success" || Studio.Forbidden.Any(f => text.Contains(f, StringComparison.Ordinal)))
            {
                escaped.Add($"{tool} {asked} ({escape.Why}) → {status}: {text}");
            }
        }
        Assert.True(escaped.Count == 0, "Tool calls that reached the victim's data:\n" + string.Join("\n\n", escaped));
        Assert.Equal(before, await VictimSnapshot.TakeAsync(Studio));
    }

    [Fact]
    public async Task ToolServers_OfTheVictim_AreNotTheAttackers()
    {
        var workflow = new { name = "imported", nodes = new[] { new { id = "call", tool = $"openapi/{SecretApi}_listOrders", args = new { } } } };

        using var refused = await Studio.Attacker.Editor.PostAsync(new Uri("/api/orchestrate", UriKind.Relative), Api.ApiJson.Body(new { workflow }));
        using var own = await Studio.Victim.Editor.PostAsync(new Uri("/api/workflows", UriKind.Relative), Api.ApiJson.Body(workflow));

        var answer = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest && answer.Contains("it has no tools", StringComparison.Ordinal), answer);
        Assert.True(own.StatusCode == HttpStatusCode.Created, $"the victim's own import is not usable, so this test proves nothing: {await own.Content.ReadAsStringAsync()}");
    }
}
