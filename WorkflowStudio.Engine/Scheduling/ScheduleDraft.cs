using System.Text.Json;

namespace WorkflowStudio.Engine.Scheduling;

/// <summary>What a person fills in to create a schedule.</summary>
public sealed record ScheduleDraft
{
    public required string WorkflowId { get; init; }
    public required string Cron { get; init; }
    public string TimeZone { get; init; } = CronSchedule.DefaultTimeZone;
    public IReadOnlyDictionary<string, JsonElement> Inputs { get; init; } = new Dictionary<string, JsonElement>();
}
