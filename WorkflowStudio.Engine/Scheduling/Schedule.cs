using System.Text.Json;

namespace WorkflowStudio.Engine.Scheduling;

/// <summary>A cron schedule that starts the latest version of a saved workflow with fixed inputs.</summary>
public sealed record Schedule
{
    public required string Id { get; init; }
    public required string WorkflowId { get; init; }

    /// <summary>Five-field cron (minute hour day-of-month month day-of-week), or a macro such as <c>@daily</c>.</summary>
    public required string Cron { get; init; }

    /// <summary>An IANA time zone id (<c>Europe/Berlin</c>) or <c>UTC</c>; the cron is read in this zone.</summary>
    public required string TimeZone { get; init; }
    public IReadOnlyDictionary<string, JsonElement> Inputs { get; init; } = new Dictionary<string, JsonElement>();
    public bool Paused { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? LastRunId { get; init; }
    public DateTimeOffset? LastRunAt { get; init; }

    /// <summary>The last run's status from the journal (running, success, ...), null before the first run.</summary>
    public string? LastRunStatus { get; init; }

    /// <summary>Why the last firing started no run (the workflow is gone or invalid); null once a run starts.</summary>
    public string? LastError { get; init; }
}
