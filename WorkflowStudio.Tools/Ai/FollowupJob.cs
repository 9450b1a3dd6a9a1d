using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Tools.Memory;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tools.Ai;

/// <summary>
/// The Hangfire job behind <c>builtin/schedule_followup</c>: when due, writes the reminder to memory (namespace
/// <c>followups</c>), starts the template's workflow when one was given, and marks the follow-up sent (or failed).
/// The run starts through the front door of the tenant whose run scheduled the follow-up: that tenant's quotas apply
/// (a refusal fails the follow-up, with the reason), and the audit log names it <c>followup:RUN:NODE</c> (the run and
/// node that asked; <c>followup:ID</c> when the follow-up was scheduled outside a run).
/// </summary>
public sealed class FollowupJob
{
    private readonly IServiceProvider _services;

    public FollowupJob(IServiceProvider services) => _services = services;

    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("follow-up {0}")]
    public async Task ExecuteAsync(string followupId, CancellationToken cancellationToken)
    {
        var store = _services.GetRequiredService<ToolDataStore>();
        var time = _services.GetService<TimeProvider>() ?? TimeProvider.System;
        var database = await store.GetAsync(cancellationToken);
        Row row;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
                "SELECT id AS Id, tenant AS Tenant, message AS Message, template_id AS TemplateId, inputs AS Inputs, due_at AS DueAt, status AS Status, source_key AS SourceKey FROM tool_followups WHERE id = @followupId",
                new { followupId }, cancellationToken: cancellationToken))).ToList();
            if (rows.Count == 0 || rows[0].Status != "scheduled")
            {
                return;
            }
            row = rows[0];
        }
        string? runId = null;
        string? error = null;
        if (row.TemplateId is { } templateId)
        {
            var template = _services.GetService<ITemplateCatalog>()?.Find(templateId);
            var runs = _services.GetService<RunFrontDoor>();
            if (template is null || runs is null)
            {
                error = template is null ? $"template '{templateId}' no longer exists" : "no run coordinator in this host";
            }
            else
            {
                var inputs = row.Inputs is null
                    ? new Dictionary<string, JsonElement>()
                    : JsonSerializer.Deserialize(row.Inputs, EngineJson.Default.DictionaryStringJsonElement)!;
                var outcome = await runs.For(new TenantId(row.Tenant)).StartAsync(
                    new RunStartRequest($"followup:{row.SourceKey ?? row.Id}", template.Workflow, inputs)
                    {
                        // A retried job (crashed after the start, before marking the follow-up sent) gets the same run.
                        IdempotencyKey = $"followup:{row.Id}", RequestHash = RunStarter.HashOf(row.Id),
                    }, cancellationToken);
                runId = outcome.RunId;
                error = outcome switch
                {
                    { RunId: not null } => null,
                    { Quota: { } quota } => string.Create(CultureInfo.InvariantCulture,
                        $"not started: tenant '{row.Tenant}' has used its {quota.Limit} quota ({quota.Used:0.##} of {quota.LimitValue:0.##}) until {quota.ResetsAt:yyyy-MM-dd HH:mm} UTC"),
                    _ => $"not started: template '{templateId}' does not validate with the follow-up's inputs: {string.Join("; ", outcome.Errors)}",
                };
            }
        }
        var now = time.GetUtcNow();
        var reminder = new JsonObject
        {
            ["followupId"] = row.Id, ["message"] = row.Message, ["dueAt"] = DateTimeOffset.FromUnixTimeMilliseconds(row.DueAt).ToString("O"),
            ["sentAt"] = now.ToString("O"), ["templateId"] = row.TemplateId, ["runId"] = runId, ["error"] = error,
        };
        await database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO tool_memory (tenant, namespace, key, value, text, tags, created_at, updated_at)
                VALUES (@tenant, 'followups', @id, @value, @text, '["followup"]', @now, @now)
                ON CONFLICT (tenant, namespace, key) DO UPDATE SET value = excluded.value, text = excluded.text, updated_at = excluded.updated_at
                """,
                new { tenant = row.Tenant, id = row.Id, value = reminder.ToJsonString(), text = $"{row.Id} {row.Message}", now = now.ToUnixTimeMilliseconds() },
                transaction);
            return await connection.ExecuteAsync(
                "UPDATE tool_followups SET status = @status, done_at = @now, run_id = @runId, error = @error WHERE id = @id",
                new { status = error is null ? "sent" : "failed", now = now.ToUnixTimeMilliseconds(), runId, error, id = row.Id },
                transaction);
        }, cancellationToken);
    }

    private sealed record Row(string Id, string Tenant, string Message, string? TemplateId, string? Inputs, long DueAt, string Status, string? SourceKey);
}
