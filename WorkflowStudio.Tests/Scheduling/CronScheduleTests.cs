using WorkflowStudio.Engine.Scheduling;

namespace WorkflowStudio.Tests.Scheduling;

public sealed class CronScheduleTests
{
    [Fact]
    public void NextOccurrences_WeekdaysAtNineInBerlin_SkipsTheWeekendInLocalTime()
    {
        var friday = new DateTimeOffset(2026, 1, 2, 12, 0, 0, TimeSpan.Zero); // Friday 13:00 in Berlin

        var next = CronSchedule.NextOccurrences("0 9 * * 1-5", "Europe/Berlin", friday);

        Assert.Equal(5, next.Count);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(1)), next[0]); // Monday
        Assert.Equal(new DateTimeOffset(2026, 1, 9, 9, 0, 0, TimeSpan.FromHours(1)), next[4]);
        Assert.All(next, n => Assert.Equal(TimeSpan.FromHours(1), n.Offset));
    }

    [Fact]
    public void NextOccurrences_AcrossTheSpringDstChange_KeepsTheLocalTime()
    {
        var next = CronSchedule.NextOccurrences("30 6 * * *", "Europe/Berlin", new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), 2);

        Assert.Equal([new DateTimeOffset(2026, 3, 29, 6, 30, 0, TimeSpan.FromHours(2)), new DateTimeOffset(2026, 3, 30, 6, 30, 0, TimeSpan.FromHours(2))], next);
    }

    [Fact]
    public void NextOccurrences_Macro_IsAccepted()
    {
        var next = CronSchedule.NextOccurrences("@daily", "UTC", new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), 1);

        Assert.Equal(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), Assert.Single(next));
    }

    [Theory]
    [InlineData("", "UTC", "cron: empty")]
    [InlineData("0 9 * *", "UTC", "4 fields; write exactly five")]
    [InlineData("0 0 9 * * *", "UTC", "seconds are not supported")]
    [InlineData("61 * * * *", "UTC", "cron '61 * * * *'")]
    [InlineData("0 9 * * *", "Mars/Olympus", "time zone 'Mars/Olympus': unknown; use an IANA id")]
    [InlineData("0 9 * * *", " ", "time zone: empty")]
    public void Validate_BadInput_SaysWhatAndHowToFix(string cron, string timeZone, string expected)
    {
        var errors = CronSchedule.Validate(cron, timeZone);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Throws<ScheduleException>(() => CronSchedule.NextOccurrences(cron, timeZone, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Validate_GoodInput_IsEmpty() => Assert.Empty(CronSchedule.Validate("*/15 * * * *", "America/New_York"));
}
