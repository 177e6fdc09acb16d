using Alpr.Core.Reports;
using Alpr.Core.Retention;

namespace Alpr.Core.Tests.Reports;

public class QuarterTests
{
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById(RetentionPresets.PacificTime);

    [Theory]
    [InlineData("2026Q3", 2026, 3)]
    [InlineData("2026q1", 2026, 1)]
    [InlineData(" 2027Q4 ", 2027, 4)]
    public void Parses_year_and_quarter(string text, int year, int number)
    {
        Assert.True(Quarter.TryParse(text, out var q));
        Assert.Equal(new Quarter(year, number), q);
        Assert.Equal($"{year}Q{number}", q.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026Q5")]
    [InlineData("2026Q0")]
    [InlineData("2026-3")]
    [InlineData("26Q3")]
    [InlineData("1999Q1")]
    [InlineData("2026Q3x")]
    [InlineData("+026Q3")]
    public void Refuses_anything_else(string? text) => Assert.False(Quarter.TryParse(text, out _));

    [Fact]
    public void Boundaries_are_local_midnights_with_the_offset_of_each_date()
    {
        // Q1 starts in PST (UTC-8) and ends at 04-01 00:00 PDT (UTC-7): spring-forward on 03-08 is inside it.
        var q1 = new Quarter(2026, 1);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero), q1.Start(Pacific));
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 7, 0, 0, TimeSpan.Zero), q1.End(Pacific));
        Assert.Equal(TimeSpan.FromDays(90) - TimeSpan.FromHours(1), q1.End(Pacific) - q1.Start(Pacific)); // 90 days, one of 23 hours
        // Q4 holds the fall-back day (11-01, 25 hours): 92 days and one hour.
        var q4 = new Quarter(2026, 4);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 7, 0, 0, TimeSpan.Zero), q4.Start(Pacific));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 8, 0, 0, TimeSpan.Zero), q4.End(Pacific));
        Assert.Equal(92, q4.Days().Count());
        Assert.Equal(91, new Quarter(2028, 1).Days().Count()); // leap year
        Assert.Equal(new DateOnly(2026, 9, 30), new Quarter(2026, 3).LastDay);
    }

    [Fact]
    public void An_instant_belongs_to_the_quarter_of_its_local_day()
    {
        var q3 = new Quarter(2026, 3);
        var lastMomentLocal = new DateTimeOffset(2026, 10, 1, 6, 59, 59, TimeSpan.Zero); // 09-30 23:59:59 PDT
        Assert.True(q3.Contains(lastMomentLocal, Pacific));
        Assert.False(q3.Contains(lastMomentLocal.AddSeconds(1), Pacific));
        Assert.Equal(new Quarter(2026, 3), Quarter.Containing(lastMomentLocal, Pacific));
        Assert.Equal(new Quarter(2026, 4), Quarter.Containing(lastMomentLocal.AddSeconds(1), Pacific));
    }

    [Fact]
    public void The_last_ended_quarter_changes_at_local_midnight_not_utc_midnight()
    {
        // 2026-10-01 05:00 UTC is still 09-30 in California: Q3 has not ended, the last ended is Q2.
        Assert.Equal(new Quarter(2026, 2), Quarter.LastEnded(new DateTimeOffset(2026, 10, 1, 5, 0, 0, TimeSpan.Zero), Pacific));
        Assert.Equal(new Quarter(2026, 3), Quarter.LastEnded(new DateTimeOffset(2026, 10, 1, 7, 0, 0, TimeSpan.Zero), Pacific));
        Assert.False(new Quarter(2026, 3).HasEnded(new DateTimeOffset(2026, 10, 1, 6, 59, 0, TimeSpan.Zero), Pacific));
        Assert.True(new Quarter(2026, 3).HasEnded(new DateTimeOffset(2026, 10, 1, 7, 0, 0, TimeSpan.Zero), Pacific));
        Assert.Equal(new Quarter(2025, 4), new Quarter(2026, 1).Previous);
        Assert.Equal(new Quarter(2027, 1), new Quarter(2026, 4).Next);
    }

    [Fact]
    public void Prefilter_range_admits_every_offset()
    {
        var (low, high) = new Quarter(2026, 3).PrefilterRange(Pacific);
        Assert.Equal("2026-06-29", low);
        Assert.Equal("2026-10-03", high);
        // An instant in the quarter written with +14:00 or -12:00 still falls in [low, high).
        foreach (var s in new[] { "2026-07-01T21:00:00+14:00", "2026-09-30T18:59:00-12:00" })
            Assert.True(string.CompareOrdinal(s, low) >= 0 && string.CompareOrdinal(s, high) < 0, s);
    }
}
