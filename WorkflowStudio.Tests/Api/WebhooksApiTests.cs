using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Runs;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Tests.Infrastructure;
using static WorkflowStudio.Tests.Api.ApiJson;

namespace WorkflowStudio.Tests.Api;

/// <summary>Webhook triggers: management under /api/workflows/{id}/hooks, signed deliveries at POST /hooks/{id}, on a real host.</summary>
public sealed class WebhooksApiTests : IDisposable
{
    /// <summary>A generous bound on every request and wait of a test: the machine is shared and slow.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private readonly CancellationTokenSource _timeout = new(Bound);

    private static readonly object Greeter = new
    {
        name = "greeter",
        inputs = new { email = new { type = "string" }, plan = new { type = "string", @default = "free" } },
        nodes = new[] { new { id = "greet", tool = "builtin/echo", args = new { value = "hello {{ inputs.email }} on {{ inputs.plan }}" } } },
        output = "{{ steps.greet.output }}",
    };

    private static readonly object Mapped = new { mapping = new Dictionary<string, string> { ["email"] = "/customer/email" } };

    private const string Payload = """{"customer":{"email":"alice@example.com"},"tier":"gold"}""";

    [Fact]
    public async Task Deliver_SignedAsync_Answers202WithTheRunStartedWithMappedInputs()
    {
        await using var host = await ApiHost.StartAsync();
        var (client, workflowId) = await SavedAsync(host, "acme");
        var (hookId, url, secret) = await CreateAsync(client, workflowId, new { mapping = new Dictionary<string, string> { ["email"] = "/customer/email", ["plan"] = "/tier" } });

        using var delivered = await DeliverAsync(host, url, secret, Payload);

        Assert.Equal(HttpStatusCode.Accepted, delivered.StatusCode);
        var accepted = await ReadAsync(delivered);
        var runId = accepted.GetProperty("runId").GetString()!;
        Assert.Equal($"/api/runs/{runId}", accepted.GetProperty("location").GetString());
        var runs = host.Services.GetRequiredService<RunFrontDoor>().For(new TenantId("acme"));
        var result = await runs.WaitAsync(runId, cancellationToken: _timeout.Token);
        Assert.Equal(RunStatus.Success, result!.Status);
        Assert.Contains("hello alice@example.com on gold", JsonSerializer.Serialize(result.Output), StringComparison.Ordinal);
        var started = Assert.Single(await host.Services.GetRequiredService<IAuditLog>().ListAsync("acme"), e => e.Action == "run.start");
        Assert.Equal($"hook:{hookId}", started.Actor);
    }

    [Fact]
    public async Task Deliver_SignedSync_AnswersTheRunsResult()
    {
        await using var host = await ApiHost.StartAsync();
        var (client, workflowId) = await SavedAsync(host, "acme");
        var (_, url, secret) = await CreateAsync(client, workflowId, new { mode = "sync", mapping = new Dictionary<string, string> { ["email"] = "/customer/email" } });

        using var delivered = await DeliverAsync(host, url, secret, Payload);

        var body = await delivered.Content.ReadAsStringAsync();
        Assert.True(delivered.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("success", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
        Assert.Contains("hello alice@example.com on free", body, StringComparison.Ordinal); // unmapped input: its default
    }

    [Fact]
    public async Task Deliver_BadSignatureStaleTimestampOrUnknownHook_Answers401AndStartsNothing()
    {
        await using var host = await ApiHost.StartAsync();
        var (client, workflowId) = await SavedAsync(host, "acme");
        var (hookId, url, secret) = await CreateAsync(client, workflowId, Mapped);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var wrongSecret = await DeliverAsync(host, url, "whsec_not-the-secret", Payload);
        using var stale = await DeliverAsync(host, url, secret, Payload, now - 3600);
        using var unsigned = await host.Anonymous().PostAsync(new Uri(url), Raw(Payload), _timeout.Token);
        using var unknown = await DeliverAsync(host, url.Replace(hookId, "hk_" + new string('0', 32), StringComparison.Ordinal), secret, Payload);

        foreach (var refused in new[] { wrongSecret, stale, unsigned, unknown })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        Assert.Contains("3600 s from the server's clock", await stale.Content.ReadAsStringAsync(_timeout.Token), StringComparison.Ordinal);
        Assert.Contains("X-WorkflowStudio-Signature header is missing", await unsigned.Content.ReadAsStringAsync(_timeout.Token), StringComparison.Ordinal);
        // An unknown hook and a wrong secret answer alike: the answer does not tell whether the id exists.
        Assert.Equal((await ReadAsync(wrongSecret)).GetProperty("detail").GetString(), (await ReadAsync(unknown)).GetProperty("detail").GetString());
        Assert.DoesNotContain(await host.Services.GetRequiredService<IAuditLog>().ListAsync("acme"), e => e.Action == "run.start");
    }

    [Fact]
    public async Task Deliver_TheSameDeliveryTwice_StartsOneRunAndAnswers409NamingIt()
    {
        await using var host = await ApiHost.StartAsync();
        var (client, workflowId) = await SavedAsync(host, "acme");
        var (_, url, secret) = await CreateAsync(client, workflowId, Mapped);
        var at = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var first = await DeliverAsync(host, url, secret, Payload, at);
        using var replay = await DeliverAsync(host, url, secret, Payload, at);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal((await ReadAsync(first)).GetProperty("runId").GetString(), (await ReadAsync(replay)).GetProperty("runId").GetString());
        Assert.Single(await host.Services.GetRequiredService<IAuditLog>().ListAsync("acme"), e => e.Action == "run.start");
    }

    [Fact]
    public async Task Deliver_WithoutAMapping_TakesTopLevelMembersNamedLikeInputs_AndAMissingRequiredInputAnswers400()
    {
        await using var host = await ApiHost.StartAsync();
        var (client, workflowId) = await SavedAsync(host, "acme");
        var (_, url, secret) = await CreateAsync(client, workflowId, new { mode = "sync" });

        using var mapped = await DeliverAsync(host, url, secret, """{"email":"bob@example.com","plan":"pro","other":1}""");
        using var missing = await DeliverAsync(host, url, secret, Payload);

        var body = await mapped.Content.ReadAsStringAsync(_timeout.Token);
        Assert.True(mapped.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("hello bob@example.com on pro", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("email", (await ReadAsync(missing)).GetProperty("errors").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_OverTheRateLimit_Answers429WithRetryAfterLikeTheApi()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Api:PermitsPerMinute"] = "2" });
        var url = new Uri(host.Address, "/hooks/hk_" + new string('0', 32));
        var sender = host.Anonymous();
        for (var i = 0; i < 2; i++)
        {
            using var counted = await sender.PostAsync(url, Raw(Payload), _timeout.Token);
            Assert.Equal(HttpStatusCode.Unauthorized, counted.StatusCode); // refused, and still counted
        }

        using var limited = await sender.PostAsync(url, Raw(Payload), _timeout.Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Deliver_OverTheBodyLimit_Answers413NamingTheLimit()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Api:HookMaxBodyBytes"] = "1024" });
        var (client, workflowId) = await SavedAsync(host, "acme");
        var (_, url, secret) = await CreateAsync(client, workflowId, Mapped);

        using var refused = await DeliverAsync(host, url, secret, JsonSerializer.Serialize(new { email = new string('x', 2000) }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("Api:HookMaxBodyBytes", (await ReadAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_TheOldSecret_NoLongerVerifiesAndTheNewOneDoes()
    {
        await using var host = await ApiHost.StartAsync();
        var (client, workflowId) = await SavedAsync(host, "acme");
        var (hookId, url, oldSecret) = await CreateAsync(client, workflowId, Mapped);

        using var rotated = await client.PostAsync(new Uri($"/api/workflows/{workflowId}/hooks/{hookId}/rotate", UriKind.Relative), null,
            _timeout.Token);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newSecret = (await ReadAsync(rotated)).GetProperty("secret").GetString()!;

        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await DeliverAsync(host, url, oldSecret, Payload)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(host, url, newSecret, Payload)).StatusCode);
    }

    [Fact]
    public async Task List_ShowsTheHookWithoutItsSecret_AndDeleteStopsDeliveries()
    {
        await using var host = await ApiHost.StartAsync();
        var (client, workflowId) = await SavedAsync(host, "acme");
        var (hookId, url, secret) = await CreateAsync(client, workflowId, new { mapping = new Dictionary<string, string> { ["email"] = "/customer/email" } });
        Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(host, url, secret, Payload)).StatusCode);

        var listed = await client.GetStringAsync(new Uri($"/api/workflows/{workflowId}/hooks", UriKind.Relative), _timeout.Token);
        var audit = JsonSerializer.Serialize(await host.Services.GetRequiredService<IAuditLog>().ListAsync("acme"));

        var hook = Assert.Single(JsonDocument.Parse(listed).RootElement.EnumerateArray());
        Assert.Equal(hookId, hook.GetProperty("id").GetString());
        Assert.Equal("/customer/email", hook.GetProperty("mapping").GetProperty("email").GetString());
        Assert.NotEqual(JsonValueKind.Null, hook.GetProperty("lastUsedAt").ValueKind);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, audit, StringComparison.Ordinal);

        using var deleted = await client.DeleteAsync(new Uri($"/api/workflows/{workflowId}/hooks/{hookId}", UriKind.Relative), _timeout.Token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await DeliverAsync(host, url, secret, Payload)).StatusCode);
        Assert.Equal("[]", await client.GetStringAsync(new Uri($"/api/workflows/{workflowId}/hooks", UriKind.Relative), _timeout.Token));
    }

    [Fact]
    public async Task Deliver_AcceptedRefusedAndRotated_NeverLogsTheSecret()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" });
        var logs = new RecordingLoggerProvider();
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var (client, workflowId) = await SavedAsync(host, "acme");
        var (hookId, url, secret) = await CreateAsync(client, workflowId, Mapped);

        Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(host, url, secret, Payload)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await DeliverAsync(host, url, secret + "x", Payload)).StatusCode);
        using var rotated = await client.PostAsync(new Uri($"/api/workflows/{workflowId}/hooks/{hookId}/rotate", UriKind.Relative), null, _timeout.Token);
        var newSecret = (await ReadAsync(rotated)).GetProperty("secret").GetString()!;

        var entries = logs.Entries.Select(e => e.Message).ToList();
        Assert.Contains(entries, m => m.Contains($"Webhook {hookId} started run", StringComparison.Ordinal)); // the recorder sees the delivery's logs
        Assert.Contains(entries, m => m.Contains($"Webhook {hookId} delivery refused: signature mismatch", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, m => m.Contains(secret, StringComparison.Ordinal) || m.Contains(newSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Manage_WithAnotherTenantsKey_Answers404AndChangesNothing()
    {
        await using var host = await ApiHost.StartAsync();
        var (client, workflowId) = await SavedAsync(host, "acme");
        var (hookId, url, secret) = await CreateAsync(client, workflowId, Mapped);
        var attacker = await host.ClientAsync("globex", TenantRoles.Admin);

        using var list = await attacker.GetAsync(new Uri($"/api/workflows/{workflowId}/hooks", UriKind.Relative), _timeout.Token);
        using var create = await attacker.PostAsync(new Uri($"/api/workflows/{workflowId}/hooks", UriKind.Relative), Body(new { }), _timeout.Token);
        using var rotate = await attacker.PostAsync(new Uri($"/api/workflows/{workflowId}/hooks/{hookId}/rotate", UriKind.Relative), null, _timeout.Token);
        using var delete = await attacker.DeleteAsync(new Uri($"/api/workflows/{workflowId}/hooks/{hookId}", UriKind.Relative), _timeout.Token);

        Assert.All(new[] { list, create, rotate, delete }, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(host, url, secret, Payload)).StatusCode); // still there, same secret
    }

    [Fact]
    public async Task Create_MappingAnUndeclaredInputOrNotAPointer_Answers400NamingEach()
    {
        await using var host = await ApiHost.StartAsync();
        var (client, workflowId) = await SavedAsync(host, "acme");

        using var refused = await client.PostAsync(new Uri($"/api/workflows/{workflowId}/hooks", UriKind.Relative),
            Body(new { mapping = new Dictionary<string, string> { ["emial"] = "/customer/email", ["plan"] = "$.tier" } }), _timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await ReadAsync(refused)).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.StartsWith("mapping.emial: the workflow declares no input 'emial'; declared: email, plan", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("mapping.plan: '$.tier' is not a JSON pointer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deliver_OverTheMonthlyRunQuota_Answers429LikeTheApi()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Pricing:Tiers:orchestrated_workflows:MonthlyRuns"] = "1" });
        var client = await host.ClientAsync("acme", tier: "orchestrated");
        var (_, workflowId) = await SavedAsync(host, "acme", client);
        var (_, url, secret) = await CreateAsync(client, workflowId, Mapped);
        Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(host, url, secret, Payload)).StatusCode);

        using var refused = await DeliverAsync(host, url, secret, """{"email":"bob@example.com"}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("monthly_runs", (await ReadAsync(refused)).GetProperty("limit").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    private async Task<(HttpClient Client, string WorkflowId)> SavedAsync(ApiHost host, string tenant, HttpClient? client = null)
    {
        client ??= await host.ClientAsync(tenant);
        using var saved = await client.PostAsync(new Uri("/api/workflows", UriKind.Relative), Body(Greeter), _timeout.Token);
        Assert.True(saved.StatusCode == HttpStatusCode.Created, await saved.Content.ReadAsStringAsync(_timeout.Token));
        return (client, (await ReadAsync(saved)).GetProperty("id").GetString()!);
    }

    private async Task<(string HookId, string Url, string Secret)> CreateAsync(HttpClient client, string workflowId, object body)
    {
        using var created = await client.PostAsync(new Uri($"/api/workflows/{workflowId}/hooks", UriKind.Relative), Body(body), _timeout.Token);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(_timeout.Token));
        var shown = await ReadAsync(created);
        var hook = shown.GetProperty("hook");
        return (hook.GetProperty("id").GetString()!, hook.GetProperty("url").GetString()!, shown.GetProperty("secret").GetString()!);
    }

    /// <summary>Signs as a sender would, independently of the server's code: HMAC-SHA256 over "t.body", hex.</summary>
    private async Task<HttpResponseMessage> DeliverAsync(ApiHost host, string url, string secret, string body, long? at = null)
    {
        var t = (at ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url)) { Content = Raw(body) };
        request.Headers.Add("X-WorkflowStudio-Signature", $"t={t},v1={mac}");
        return await host.Anonymous().SendAsync(request, _timeout.Token);
    }

    public void Dispose() => _timeout.Dispose();
}
