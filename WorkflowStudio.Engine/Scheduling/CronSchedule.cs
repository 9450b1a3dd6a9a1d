using Cronos;

namespace WorkflowStudio.Engine.Scheduling;

/// <summary>Cron expressions and time zones as schedules use them (Cronos, the parser Hangfire's recurring jobs use too).</summary>
public static class CronSchedule
{
    public const string DefaultTimeZone = "UTC";
    public const int MaxOccurrences = 100;

    /// <summary>What is wrong with <paramref name="cron"/> and <paramref name="timeZone"/>, or an empty list.</summary>
    public static IReadOnlyList<string> Validate(string? cron, string? timeZone)
    {
        var errors = new List<string>();
        if (TryParse(cron, out _) is { } cronError)
        {
            errors.Add(cronError);
        }
        if (TryFindTimeZone(timeZone, out _) is { } zoneError)
        {
            errors.Add(zoneError);
        }
        return errors;
    }

    /// <summary>The next <paramref name="count"/> times the schedule fires after <paramref name="from"/>, in its time zone's offset.</summary>
    /// <exception cref="ScheduleException">The cron or the time zone is invalid.</exception>
    public static IReadOnlyList<DateTimeOffset> NextOccurrences(string cron, string timeZone, DateTimeOffset from, int count = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxOccurrences);
        if (TryParse(cron, out var expression) is { } cronError)
        {
            throw new ScheduleException(cronError);
        }
        if (TryFindTimeZone(timeZone, out var zone) is { } zoneError)
        {
            throw new ScheduleException(zoneError);
        }
        var result = new List<DateTimeOffset>(count);
        var at = from;
        while (result.Count < count && expression!.GetNextOccurrence(at, zone!) is { } next)
        {
            result.Add(next);
            at = next;
        }
        return result;
    }

    /// <summary>The time zone for <paramref name="timeZone"/>; throws <see cref="ScheduleException"/> for an unknown id.</summary>
    public static TimeZoneInfo FindTimeZone(string timeZone) =>
        TryFindTimeZone(timeZone, out var zone) is { } error ? throw new ScheduleException(error) : zone!;

    private static string? TryParse(string? cron, out CronExpression? expression)
    {
        expression = null;
        if (string.IsNullOrWhiteSpace(cron))
        {
            return "cron: empty; write five fields 'minute hour day-of-month month day-of-week', e.g. '0 9 * * 1-5' (09:00 on weekdays).";
        }
        var fields = cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!cron.TrimStart().StartsWith('@') && fields.Length != 5)
        {
            return $"cron '{cron}': {fields.Length} fields; write exactly five 'minute hour day-of-month month day-of-week' " +
                "(seconds are not supported), e.g. '*/15 * * * *' (every 15 minutes).";
        }
        try
        {
            expression = CronExpression.Parse(string.Join(' ', fields), CronFormat.Standard);
            return null;
        }
        catch (CronFormatException exception)
        {
            return $"cron '{cron}': {exception.Message} Example: '30 6 * * *' (06:30 every day).";
        }
    }

    private static string? TryFindTimeZone(string? timeZone, out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            return $"time zone: empty; use an IANA id such as 'Europe/Berlin' or '{DefaultTimeZone}'.";
        }
        if (TimeZoneInfo.TryFindSystemTimeZoneById(timeZone.Trim(), out zone))
        {
            return null;
        }
        return $"time zone '{timeZone}': unknown; use an IANA id such as 'Europe/Berlin', 'America/New_York' or '{DefaultTimeZone}'.";
    }
}
