using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Tests.Studio;

public sealed class SchedulePreviewTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero); // Friday

    [Fact]
    public void Describe_WeekdayMornings_ListsFiveRunsInTheZonesLocalTimeWithDistance()
    {
        var (occurrences, errors) = SchedulePreview.Describe("0 9 * * 1-5", "Europe/Berlin", Now);

        Assert.Empty(errors);
        Assert.Equal(5, occurrences.Count);
        Assert.Equal("Mon 5 Jan 2026, 09:00 (UTC+01:00) · in 3 days", occurrences[0]);
        Assert.Equal("Fri 9 Jan 2026, 09:00 (UTC+01:00) · in 7 days", occurrences[4]);
    }

    [Fact]
    public void Describe_BadCron_GivesTheErrorsAndNoRuns()
    {
        var (occurrences, errors) = SchedulePreview.Describe("every day", "UTC", Now);

        Assert.Empty(occurrences);
        Assert.Contains("2 fields", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30, "in 30 s")]
    [InlineData(78, "in 1 min 18 s")]
    [InlineData(12 * 60, "in 12 min")]
    [InlineData(3 * 3600, "in 3 h")]
    [InlineData(3 * 3600 + 5 * 60, "in 3 h 5 min")]
    [InlineData(36 * 3600, "in 2 days")]
    [InlineData(35 * 86400, "in 5 weeks")]
    public void Relative_Spans_ReadNaturally(int seconds, string expected) =>
        Assert.Equal(expected, SchedulePreview.Relative(TimeSpan.FromSeconds(seconds)));
}
