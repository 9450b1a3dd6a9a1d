using System.Globalization;
using WorkflowStudio.Engine.Scheduling;

namespace WorkflowStudio.Web.Studio;

/// <summary>The next occurrences of a cron schedule in words a person reads at a glance: "Mon 5 Jan 2026, 09:00 (UTC+01:00) · in 2 days".</summary>
public static class SchedulePreview
{
    public const int Count = 5;

    /// <summary>The next <see cref="Count"/> firings after <paramref name="now"/>, described; or the problems with the cron and time zone.</summary>
    public static (IReadOnlyList<string> Occurrences, IReadOnlyList<string> Errors) Describe(string? cron, string? timeZone, DateTimeOffset now)
    {
        var errors = CronSchedule.Validate(cron, timeZone);
        if (errors.Count > 0)
        {
            return ([], errors);
        }
        var next = CronSchedule.NextOccurrences(cron!, timeZone!, now, Count);
        return (next.Select(at => Describe(at, now)).ToArray(), next.Count == 0 ? ["this cron never fires again"] : []);
    }

    public static string Describe(DateTimeOffset at, DateTimeOffset now)
    {
        var offset = at.Offset == TimeSpan.Zero ? "UTC" : $"UTC{(at.Offset < TimeSpan.Zero ? "-" : "+")}{at.Offset:hh\\:mm}";
        return $"{at.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)} ({offset}) · {Relative(at - now)}";
    }

    /// <summary>"in 45 s", "in 1 min 18 s", "in 12 min", "in 3 h 5 min", "in 2 days", "in 5 weeks" (to the second under an hour).</summary>
    public static string Relative(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            return "now";
        }
        if (span < TimeSpan.FromMinutes(1))
        {
            return $"in {(int)Math.Ceiling(span.TotalSeconds)} s";
        }
        if (span < TimeSpan.FromHours(1))
        {
            var seconds = (int)Math.Ceiling(span.TotalSeconds);
            return seconds % 60 == 0 ? $"in {seconds / 60} min" : $"in {seconds / 60} min {seconds % 60} s";
        }
        if (span < TimeSpan.FromDays(1))
        {
            return span.Minutes == 0 ? $"in {span.Hours} h" : $"in {span.Hours} h {span.Minutes} min";
        }
        if (span < TimeSpan.FromDays(14))
        {
            var days = (int)Math.Round(span.TotalDays);
            return days == 1 ? "in 1 day" : $"in {days} days";
        }
        return $"in {(int)Math.Round(span.TotalDays / 7)} weeks";
    }
}
