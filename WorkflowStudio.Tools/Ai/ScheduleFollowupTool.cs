using System.Text.Json.Nodes;
using Dapper;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tools.Memory;

namespace WorkflowStudio.Tools.Ai;

/// <summary>
/// <c>builtin/schedule_followup</c>: journals a follow-up (table <c>tool_followups</c>) and schedules a Hangfire job
/// (<see cref="FollowupJob"/>) that, when due, writes the reminder to memory (namespace <c>followups</c>) and, with a
/// <c>templateId</c>, starts that template's workflow. One follow-up per scheduling node (idempotency key).
/// </summary>
internal sealed class ScheduleFollowupTool : BuiltinTool
{
    private const double MaxDelaySeconds = 366 * 24 * 3600;
    private readonly ToolDataStore _store;
    private readonly IServiceProvider _services;

    public ScheduleFollowupTool(ToolDataStore store, IServiceProvider services)
    {
        _store = store;
        _services = services;
    }

    public override ToolDescriptor Descriptor { get; } = Describe(
        "schedule_followup", "Schedule a follow-up",
        "Schedules a follow-up after 'delayHours' or 'delaySeconds' (up to a year): when due, a background job writes the reminder 'message' to memory " +
        "(namespace 'followups', key = the follow-up id) and, with 'templateId', starts that built-in template with 'inputs'. Journaled in the database; " +
        "calling again from the same node returns the same follow-up.",
        """
        { "type": "object",
          "properties": {
            "message": { "type": "string", "minLength": 1, "maxLength": 4000 },
            "delayHours": { "type": "number", "exclusiveMinimum": 0 },
            "delaySeconds": { "type": "number", "minimum": 0 },
            "templateId": { "type": "string", "minLength": 1 },
            "inputs": { "type": "object" } },
          "required": ["message"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "followupId": { "type": "string" }, "jobId": { "type": "string" }, "dueAt": { "type": "string" },
                          "action": { "enum": ["reminder", "workflow"] }, "status": { "type": "string" } },
          "required": ["followupId", "jobId", "dueAt", "action", "status"] }
        """,
        new ToolAnnotations { ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        if (_services.GetService<IBackgroundJobClient>() is not { } jobs)
        {
            return ToolCallResult.Failure($"{Descriptor.FullName}: no background job scheduler is running in this host; follow-ups need the engine (studio serve or studio run).");
        }
        var seconds = args.Has("delayHours") ? args.Double("delayHours", 0) * 3600 : args.Has("delaySeconds") ? args.Double("delaySeconds", 0) : 24 * 3600;
        if (seconds > MaxDelaySeconds)
        {
            throw new ToolArgumentException($"the delay is {seconds / 86400:0.#} days; at most 366 days.");
        }
        var templateId = args.String("templateId");
        if (templateId is not null && _services.GetService<ITemplateCatalog>()?.Find(templateId) is null)
        {
            throw new ToolArgumentException($"there is no built-in template '{templateId}'.");
        }
        var database = await _store.GetAsync(cancellationToken);
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            if (context.IdempotencyKey is { } key)
            {
                var existing = (await connection.QueryAsync<(string Id, string JobId, long DueAt, string? TemplateId, string Status)>(new CommandDefinition(
                    "SELECT id, job_id, due_at, template_id, status FROM tool_followups WHERE tenant = @tenant AND source_key = @key", new { tenant = context.TenantId, key }, cancellationToken: cancellationToken))).ToList();
                if (existing is [var found])
                {
                    return Output(found.Id, found.JobId, DateTimeOffset.FromUnixTimeMilliseconds(found.DueAt), found.TemplateId, found.Status);
                }
            }
        }
        var id = $"fu-{Guid.NewGuid():N}"[..19];
        var now = context.TimeProvider.GetUtcNow();
        var due = now.AddSeconds(seconds);
        await database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            """
            INSERT INTO tool_followups (id, tenant, message, template_id, inputs, due_at, status, created_at, source_key)
            VALUES (@id, @tenant, @message, @templateId, @inputs, @due, 'scheduled', @now, @key)
            """,
            new
            {
                id, tenant = context.TenantId, message = args.RequiredString("message"), templateId, inputs = args.Element("inputs")?.GetRawText(),
                due = due.ToUnixTimeMilliseconds(), now = now.ToUnixTimeMilliseconds(), key = context.IdempotencyKey,
            },
            transaction), cancellationToken);
        var jobId = jobs.Schedule<FollowupJob>(job => job.ExecuteAsync(id, CancellationToken.None), TimeSpan.FromSeconds(seconds));
        await database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "UPDATE tool_followups SET job_id = @jobId WHERE id = @id", new { jobId, id }, transaction), cancellationToken);
        return Output(id, jobId, due, templateId, "scheduled");
    }

    private static ToolCallResult Output(string id, string jobId, DateTimeOffset due, string? templateId, string status) => ToolJson.Ok(new JsonObject
    {
        ["followupId"] = id, ["jobId"] = jobId, ["dueAt"] = due.ToString("O"), ["action"] = templateId is null ? "reminder" : "workflow", ["status"] = status,
    });
}
