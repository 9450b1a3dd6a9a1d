using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Scheduling;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Tests.Api;
using static WorkflowStudio.Tests.Api.ApiJson;

namespace WorkflowStudio.Tests.TenantEscape;

/// <summary>
/// A real studio host with two tenants. The victim (<see cref="Victim"/>) owns a finished run with outputs, a run waiting for
/// an approval, a saved workflow with a schedule, files, memory, vectors, database rows, an imported OpenAPI tool, API keys
/// and usage; the attacker (<see cref="Attacker"/>) has admin and editor keys of its own. Everything is made through the
/// public surfaces, so the suite keeps testing what callers see whatever the classes behind them become.
/// </summary>
internal sealed class EscapeStudio : IAsyncDisposable
{
    public const string VictimTenant = "tenant-a";
    public const string AttackerTenant = "tenant-b";

    /// <summary>In every piece of the victim's data; never in anything the attacker receives.</summary>
    public const string Secret = "sekrit-7f3c91d2";

    public const string SecretFile = "private/plan.txt";
    public const string SecretMemoryKey = "customer-c1";
    public const string SecretCollection = "kb";
    public const string SecretTable = "victim_rows";
    public const string SecretApi = "victimapi";

    private EscapeStudio(ApiHost host, string dialect, TenantKeys victim, TenantKeys attacker)
    {
        Host = host;
        Dialect = dialect;
        Victim = victim;
        Attacker = attacker;
    }

    public ApiHost Host { get; }
    public string Dialect { get; }
    public TenantKeys Victim { get; }
    public TenantKeys Attacker { get; }
    public string WorkflowId { get; private set; } = "";
    public string FinishedRunId { get; private set; } = "";
    public string WaitingRunId { get; private set; } = "";
    public string WaitingNodeId => "approve-me";
    public string ScheduleId { get; private set; } = "";
    public string HookId { get; private set; } = "";
    public string IdempotencyKey => "victim-start-1";
    public ApiKeyInfo VictimKey { get; private set; } = default!;

    /// <summary>The victim's demo database (its <c>builtin/db_*</c> default source) and the studio's own database.</summary>
    public string VictimDatabasePath => Path.Combine(DataDir, "tenants", VictimTenant, "demo.db");
    public string StudioDatabasePath => Path.Combine(DataDir, "studio.db");
    public string VictimRoot => Host.FilesRootOf(VictimTenant);
    public string VictimFile => Path.Combine(VictimRoot, SecretFile);
    public string VictimApiFile => Path.Combine(VictimRoot, "private", "api.json");
    public string DataDir => Path.Combine(Path.GetDirectoryName(Host.FilesRoot)!, "data");

    /// <summary>What must never appear in an answer to the attacker: the victim's ids, names, key prefixes and secret.</summary>
    public IReadOnlyList<string> Forbidden { get; private set; } = [];

    /// <param name="settings">Extra host settings (the PostgreSQL storage).</param>
    public static async Task<EscapeStudio> StartAsync(string dialect, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            // A user exists, so the studio is not the open local one: every page needs a key or a sign-in.
            ["Auth:InitialAdmin:UserName"] = "operator",
            ["Auth:InitialAdmin:Password"] = "a long operator password",
        };
        var host = await ApiHost.StartAsync(all);
        var studio = new EscapeStudio(host, dialect, await TenantKeys.CreateAsync(host, VictimTenant), await TenantKeys.CreateAsync(host, AttackerTenant));
        await studio.SeedVictimAsync();
        return studio;
    }

    private async Task SeedVictimAsync()
    {
        var client = Victim.Editor;
        var spec = JsonSerializer.Serialize(new
        {
            openapi = "3.0.0",
            info = new { title = "victim api", version = "1" },
            servers = new[] { new { url = "https://victim.example.com" } },
            paths = new Dictionary<string, object>
            {
                ["/orders"] = new { get = new { operationId = "listOrders", responses = new Dictionary<string, object> { ["200"] = new { description = "ok" } } } },
            },
        });
        var workflow = new
        {
            name = $"victim-{Secret}",
            nodes = new object[]
            {
                Node("secret", "echo", new { value = Secret }),
                Node("file", "files_write", new { path = SecretFile, content = Secret }, approval: "auto"),
                Node("spec", "files_write", new { path = "private/api.json", content = spec }, approval: "auto"),
                Node("api", "openapi_import", new { name = SecretApi, source = "private/api.json" }, dependsOn: "spec"),
                Node("memory", "memory_put", new { key = SecretMemoryKey, value = Secret, tags = new[] { "vip" } }),
                Node("vector", "vector_upsert", new { collection = SecretCollection, items = new[] { new { id = "a-doc", text = $"refund policy {Secret}" } } }),
                Node("table", "db_execute", new { sql = $"CREATE TABLE {SecretTable} (secret TEXT); INSERT INTO {SecretTable} VALUES ('{Secret}')" }, approval: "auto"),
                Node("followup", "schedule_followup", new { message = $"call back {Secret}", delayHours = 100 }),
            },
        };
        using var saved = await client.PostAsync(new Uri("/api/workflows", UriKind.Relative), Body(workflow));
        Assert.True(saved.StatusCode == HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());
        WorkflowId = (await ReadAsync(saved)).GetProperty("id").GetString()!;

        var started = new HttpRequestMessage(HttpMethod.Post, $"/api/workflows/{WorkflowId}/runs") { Content = Body(new { mode = "sync" }) };
        started.Headers.Add("Idempotency-Key", IdempotencyKey);
        using var finished = await client.SendAsync(started);
        var result = await ReadAsync(finished);
        Assert.True(finished.StatusCode == HttpStatusCode.OK && result.GetProperty("status").GetString() == "success", result.ToString());
        FinishedRunId = result.GetProperty("run_id").GetString()!;

        var waiting = new
        {
            name = $"waiting-{Secret}",
            nodes = new object[] { Node(WaitingNodeId, "files_write", new { path = "private/approved.txt", content = Secret }) },
        };
        using var paused = await client.PostAsync(new Uri("/api/orchestrate", UriKind.Relative), Body(new { workflow = waiting }));
        var pausedResult = await ReadAsync(paused);
        Assert.True(paused.StatusCode == HttpStatusCode.OK && pausedResult.GetProperty("status").GetString() == "awaiting_approval", pausedResult.ToString());
        WaitingRunId = pausedResult.GetProperty("run_id").GetString()!;

        // Schedules have no REST route yet (the studio's /schedules page makes them): made through the service, attacked through the page.
        var schedule = await Host.Services.GetRequiredService<IScheduleService>().CreateAsync(new ScheduleDraft { WorkflowId = WorkflowId, Cron = "0 3 1 1 *" });
        ScheduleId = schedule.Id;

        using var hook = await client.PostAsync(new Uri($"/api/workflows/{WorkflowId}/hooks", UriKind.Relative), Body(new { mode = "async" }));
        Assert.True(hook.StatusCode == HttpStatusCode.Created, await hook.Content.ReadAsStringAsync());
        HookId = (await ReadAsync(hook)).GetProperty("hook").GetProperty("id").GetString()!;

        // Usage is metered in the background once a run ends: wait for the victim's, so that its usage is there to attack.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!(await client.GetStringAsync(new Uri("/api/usage?groupBy=workflow", UriKind.Relative), timeout.Token)).Contains(WorkflowId, StringComparison.Ordinal))
        {
            await Task.Delay(50, timeout.Token);
        }

        var keys = await Host.Tenants.ListApiKeysAsync(VictimTenant);
        VictimKey = keys[0];
        Forbidden = [Secret, VictimTenant, WorkflowId, FinishedRunId, WaitingRunId, ScheduleId, HookId, .. keys.SelectMany(k => new[] { k.Id, k.Prefix })];
    }

    /// <summary>A built-in tool node that runs on even when it fails, so one run tries every attack.</summary>
    public static Dictionary<string, object> Node(string id, string tool, object args, string? approval = null, string? dependsOn = null)
    {
        var node = new Dictionary<string, object> { ["id"] = id, ["tool"] = $"builtin/{tool}", ["args"] = args, ["continueOnError"] = true };
        if (approval is not null)
        {
            node["approval"] = approval;
        }
        if (dependsOn is not null)
        {
            node["dependsOn"] = new[] { dependsOn };
        }
        return node;
    }

    /// <summary>Runs an ad-hoc workflow to its end (sync) and answers the run's result.</summary>
    public static async Task<JsonElement> RunAsync(HttpClient client, string name, IEnumerable<object> nodes)
    {
        using var response = await client.PostAsync(new Uri("/api/orchestrate", UriKind.Relative), Body(new { workflow = new { name, nodes = nodes.ToArray() } }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Fails when any of the victim's ids, names, key prefixes or secret is in <paramref name="text"/>.</summary>
    public void AssertNothingOfTheVictims(string what, string text)
    {
        foreach (var forbidden in Forbidden)
        {
            Assert.False(text.Contains(forbidden, StringComparison.Ordinal), $"{what} showed the victim's '{forbidden}':\n{Excerpt(text, forbidden)}");
        }
    }

    /// <summary>About 400 characters of <paramref name="text"/> around <paramref name="word"/>.</summary>
    public static string Excerpt(string text, string word)
    {
        var at = Math.Max(0, text.IndexOf(word, StringComparison.Ordinal));
        return text.Substring(Math.Max(0, at - 200), Math.Min(text.Length - Math.Max(0, at - 200), 400 + word.Length));
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
