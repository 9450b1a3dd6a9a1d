using System.Reflection;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Web.Hubs;
using static WorkflowStudio.Tests.TenantEscape.EscapeStudio;

namespace WorkflowStudio.Tests.TenantEscape;

public abstract partial class TenantEscapeTests
{
    /// <summary>
    /// Every public method of every hub of the web app (<c>Hub.Method</c>), with the attacker's attempt on it. The connection
    /// collects every event it receives; after all attempts, none may belong to the victim's runs.
    /// </summary>
    private static readonly Dictionary<string, Func<EscapeStudio, HubConnection, Task>> HubMethods = new(StringComparer.Ordinal)
    {
        ["RunsHub.Subscribe"] = async (s, hub) =>
        {
            foreach (var runId in new[] { s.FinishedRunId, s.WaitingRunId })
            {
                var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(nameof(RunsHub.Subscribe), runId));
                Assert.Contains("No run", refused.Message, StringComparison.Ordinal);
            }
        },
        ["RunsHub.Resume"] = async (s, hub) =>
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(nameof(RunsHub.Resume), s.FinishedRunId, 0L));
            Assert.Contains("No run", refused.Message, StringComparison.Ordinal);
        },
        // Leaving a group one never joined: harmless, and it must not join anything either.
        ["RunsHub.Unsubscribe"] = (s, hub) => hub.InvokeAsync(nameof(RunsHub.Unsubscribe), s.FinishedRunId),
        // The feed of all runs is the caller's tenant's: the victim's next run must not reach it (checked by the collector).
        ["RunsHub.SubscribeAll"] = (_, hub) => hub.InvokeAsync(nameof(RunsHub.SubscribeAll)),
        ["RunsHub.UnsubscribeAll"] = (_, hub) => hub.InvokeAsync(nameof(RunsHub.UnsubscribeAll)),
    };

    [Fact]
    public void HubClasses_EveryMethod_HasAnEscapeCase()
    {
        var mapped = HubMethodNames().ToHashSet(StringComparer.Ordinal);

        var missing = mapped.Where(m => !HubMethods.ContainsKey(m)).Order(StringComparer.Ordinal).ToList();
        var stale = HubMethods.Keys.Where(m => !mapped.Contains(m)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "Hub methods without a tenant-escape case; add each to TenantEscapeTests.HubMethods:\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "TenantEscapeTests.HubMethods lists methods that no longer exist; remove them:\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task HubMethods_WithTheAttackersKey_ReceiveNothingOfTheVictims()
    {
        var before = await VictimSnapshot.TakeAsync(Studio);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(Studio.Host.Address, RunsHub.Path), o => o.Headers["Authorization"] = $"Bearer {Studio.Attacker.EditorKey}")
            .Build();
        var events = Channel.CreateUnbounded<JsonElement>();
        using var handler = hub.On<JsonElement>(RunsHub.EventMethod, e => events.Writer.TryWrite(e));
        await hub.StartAsync();

        foreach (var (name, attack) in HubMethods.OrderBy(m => m.Key == "RunsHub.UnsubscribeAll" ? 1 : 0))
        {
            await attack(Studio, hub);
        }
        await hub.InvokeAsync(nameof(RunsHub.SubscribeAll));
        // The victim runs, then the attacker: once the attacker's own run_finished arrives, the victim's events would have too.
        var theirs = (await RunAsync(Studio.Victim.Editor, "victim-own-live", [Node("x", "echo", new { value = Secret })])).GetProperty("run_id").GetString();
        var mine = (await RunAsync(Studio.Attacker.Editor, "attacker-live", [Node("y", "echo", new { value = "y" })])).GetProperty("run_id").GetString();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = new List<JsonElement>();
        while (!received.Any(e => e.GetProperty("run_id").GetString() == mine && e.GetProperty("type").GetString() == "run_finished"))
        {
            received.Add(await events.Reader.ReadAsync(timeout.Token));
        }

        Assert.All(received, e => Assert.Equal(mine, e.GetProperty("run_id").GetString()));
        Assert.DoesNotContain(received, e => e.GetProperty("run_id").GetString() == theirs);
        Studio.AssertNothingOfTheVictims("the runs hub", string.Join("\n", received));
        Assert.Equal(before, await VictimSnapshot.TakeAsync(Studio));
    }

    /// <summary>Public methods declared by each <see cref="Hub"/> of the web app, as <c>Hub.Method</c>.</summary>
    private static IEnumerable<string> HubMethodNames() =>
        typeof(RunsHub).Assembly.GetTypes()
            .Where(t => typeof(Hub).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName)
                .Select(m => $"{t.Name}.{m.Name}"));
}
