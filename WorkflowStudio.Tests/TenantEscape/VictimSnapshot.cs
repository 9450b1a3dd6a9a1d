using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Scheduling;
using static WorkflowStudio.Tests.TenantEscape.EscapeStudio;

namespace WorkflowStudio.Tests.TenantEscape;

/// <summary>
/// Everything of the victim's an attack could change, read with the victim's own keys: its runs (the finished one in full,
/// the waiting one's node states), saved workflows and versions, schedule, API keys (and that they still work), usage of
/// its workflow, and its tool data as a run of its own reads it (files, memory, vectors, database rows, imported tools).
/// Two snapshots taken around the attacks must be equal.
/// </summary>
internal static class VictimSnapshot
{
    /// <summary>Runs the victim itself starts during the suite (this snapshot's reads, live events) start with this name.</summary>
    public const string OwnRunPrefix = "victim-own-";

    private const string ReaderName = OwnRunPrefix + "snapshot";

    public static async Task<string> TakeAsync(EscapeStudio studio)
    {
        var text = new StringBuilder();
        var client = studio.Victim.Admin;
        text.AppendLine(await GetAsync(client, $"/api/runs/{studio.FinishedRunId}"));
        var waiting = JsonDocument.Parse(await GetAsync(client, $"/api/runs/{studio.WaitingRunId}")).RootElement;
        text.AppendLine(waiting.GetProperty("status").GetString());
        foreach (var node in waiting.GetProperty("results").EnumerateArray())
        {
            text.AppendLine($"{node.GetProperty("action_id")}: {node.GetProperty("status")}");
        }
        var runs = JsonDocument.Parse(await GetAsync(client, "/api/runs?limit=200")).RootElement;
        foreach (var run in runs.GetProperty("runs").EnumerateArray().Where(r => !r.GetProperty("workflowName").GetString()!.StartsWith(OwnRunPrefix, StringComparison.Ordinal)))
        {
            text.AppendLine($"run {run.GetProperty("id")} {run.GetProperty("workflowName")} {run.GetProperty("status")}");
        }
        text.AppendLine(await GetAsync(client, "/api/workflows"));
        text.AppendLine(await GetAsync(client, $"/api/workflows/{studio.WorkflowId}/versions"));
        text.AppendLine(await GetAsync(client, $"/workflows/{studio.WorkflowId}/workflow.json"));
        var schedule = await studio.Host.Services.GetRequiredService<IScheduleService>().GetAsync(studio.ScheduleId);
        text.AppendLine($"schedule {schedule?.WorkflowId} {schedule?.Cron} paused={schedule?.Paused}");
        foreach (var key in JsonDocument.Parse(await GetAsync(client, "/api/admin/keys")).RootElement.EnumerateArray())
        {
            text.AppendLine($"key {key.GetProperty("id")} {key.GetProperty("prefix")} {key.GetProperty("role")} {key.GetProperty("name")} revoked={key.TryGetProperty("revokedAt", out var revoked) && revoked.ValueKind != JsonValueKind.Null}");
        }
        Assert.Equal(HttpStatusCode.OK, (await studio.Victim.Editor.GetAsync(new Uri("/api/runs?limit=1", UriKind.Relative))).StatusCode);
        var usage = JsonDocument.Parse(await GetAsync(client, "/api/usage?groupBy=workflow")).RootElement;
        text.AppendLine(string.Join(";", usage.GetProperty("groups").EnumerateArray().Where(g => g.GetProperty("key").GetString() == studio.WorkflowId).Select(g => g.ToString())));
        text.AppendLine(await GetAsync(client, "/api/tools"));

        var read = await RunAsync(studio.Victim.Editor, ReaderName,
        [
            Node("file", "files_read", new { path = SecretFile }),
            Node("list", "files_list", new { recursive = true }),
            Node("memory", "memory_get", new { key = SecretMemoryKey }),
            Node("search", "memory_search", new { query = Secret }),
            Node("vector", "vector_search", new { collection = SecretCollection, query = "refund policy" }),
            Node("rows", "db_query", new { sql = $"SELECT secret FROM {SecretTable}" }),
        ]);
        foreach (var node in read.GetProperty("results").EnumerateArray())
        {
            // A read that fails would make the comparison prove nothing.
            Assert.True(node.GetProperty("status").GetString() == "success", $"the victim's own read failed: {node}");
            var result = node.TryGetProperty("result", out var r) ? r.ToString() : "";
            text.AppendLine($"{node.GetProperty("action_id")} {node.GetProperty("status")} {result} {(node.TryGetProperty("error", out var e) ? e.ToString() : "")}");
        }
        Assert.Contains(Secret, read.GetProperty("results").EnumerateArray().Single(n => n.GetProperty("action_id").GetString() == "file").ToString(), StringComparison.Ordinal);
        return text.ToString();
    }

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"the victim's own GET {path} answered {(int)response.StatusCode}: {body}");
        return body;
    }
}
