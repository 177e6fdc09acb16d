using Alpr.Core.Cameras;
using Alpr.Core.Retention;

namespace Alpr.Core.Tests.Retention;

public class RetentionClockTests
{
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById(RetentionPresets.PacificTime);

    /// <summary>Noon Pacific on a local day, as an instant.</summary>
    private static DateTimeOffset LocalNoon(DateOnly day) => RetentionClock.StartOfDay(day, Pacific).AddHours(12);

    [Theory]
    [InlineData(364, false)]
    [InlineData(365, false)]
    [InlineData(366, true)]
    [InlineData(367, true)]
    public void One_year_keeps_through_day_365_and_purges_on_day_366(int ageDays, bool expired)
    {
        var today = new DateOnly(2026, 11, 23);
        var now = LocalNoon(today);
        var captured = LocalNoon(today.AddDays(-ageDays));
        Assert.Equal(expired, RetentionClock.IsExpired(RetentionPresets.PalmSprings, CameraKind.Mobile, captured, now));
        Assert.Equal(ageDays, RetentionClock.AgeInDays(captured, now, Pacific));
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void Thirty_days_for_San_Leandro_fixed_cameras(int ageDays, bool expired)
    {
        var today = new DateOnly(2026, 11, 23);
        Assert.Equal(expired, RetentionClock.IsExpired(RetentionPresets.SanLeandro, CameraKind.Fixed, LocalNoon(today.AddDays(-ageDays)), LocalNoon(today)));
        // The same read from a mobile unit falls under the one-year server rule.
        Assert.False(RetentionClock.IsExpired(RetentionPresets.SanLeandro, CameraKind.Mobile, LocalNoon(today.AddDays(-ageDays)), LocalNoon(today)));
    }

    [Fact]
    public void Day_boundary_is_local_midnight_not_UTC_midnight()
    {
        // 2026-11-23 07:30 UTC is still 2026-11-22 (23:30 PST) in the agency.
        var now = new DateTimeOffset(2026, 11, 23, 7, 30, 0, TimeSpan.Zero);
        var cutoff = RetentionClock.Cutoff(RetentionPresets.SanLeandro, CameraKind.Fixed, now);
        // Local today 11-22, minus 30 days = 10-23, which starts at 00:00 PDT = 07:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 10, 23, 7, 0, 0, TimeSpan.Zero), cutoff);
        Assert.True(RetentionClock.IsExpired(RetentionPresets.SanLeandro, CameraKind.Fixed, cutoff.AddTicks(-1), now));
        Assert.False(RetentionClock.IsExpired(RetentionPresets.SanLeandro, CameraKind.Fixed, cutoff, now));
    }

    [Fact]
    public void Cutoff_moves_by_exactly_one_local_day_across_the_fall_back_change()
    {
        // 2026-11-01 is the 25-hour day (PDT -> PST). The 30-day cut-off on 11-30 and 12-01 is 10-31 and 11-01 midnight.
        var a = RetentionClock.Cutoff(RetentionPresets.SanLeandro, CameraKind.Fixed, LocalNoon(new DateOnly(2026, 11, 30)));
        var b = RetentionClock.Cutoff(RetentionPresets.SanLeandro, CameraKind.Fixed, LocalNoon(new DateOnly(2026, 12, 1)));
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 7, 0, 0, TimeSpan.Zero), a); // midnight PDT
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 7, 0, 0, TimeSpan.Zero), b);  // still PDT at 00:00 on 11-01
        var c = RetentionClock.Cutoff(RetentionPresets.SanLeandro, CameraKind.Fixed, LocalNoon(new DateOnly(2026, 12, 2)));
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), c);  // PST from then on
        Assert.Equal(TimeSpan.FromHours(25), c - b);
    }

    [Fact]
    public void Spring_forward_day_is_23_hours_and_a_capture_late_on_it_belongs_to_it()
    {
        // 2026-03-08: clocks jump 02:00 -> 03:00 PDT.
        var day = new DateOnly(2026, 3, 8);
        Assert.Equal(TimeSpan.FromHours(23), RetentionClock.StartOfDay(day.AddDays(1), Pacific) - RetentionClock.StartOfDay(day, Pacific));
        var lateOnDay = new DateTimeOffset(2026, 3, 9, 6, 59, 0, TimeSpan.Zero); // 23:59 PDT on 03-08
        Assert.Equal(day, RetentionClock.LocalDay(lateOnDay, Pacific));
        var now = LocalNoon(day.AddDays(31));
        Assert.True(RetentionClock.IsExpired(RetentionPresets.SanLeandro, CameraKind.Fixed, lateOnDay, now));
        Assert.False(RetentionClock.IsExpired(RetentionPresets.SanLeandro, CameraKind.Fixed, lateOnDay, LocalNoon(day.AddDays(30))));
    }

    [Fact]
    public void Presets_match_the_written_policies()
    {
        Assert.Equal(30, RetentionPresets.SanLeandro.FixedCameraDays);
        Assert.Equal(365, RetentionPresets.SanLeandro.MobileCameraDays);
        Assert.Equal(730, RetentionPresets.Escondido.FixedCameraDays);
        Assert.Equal(730, RetentionPresets.Escondido.MobileCameraDays);
        Assert.Equal(730, RetentionPresets.Escondido.AuditDays);
        Assert.Equal(365, RetentionPresets.PalmSprings.FixedCameraDays);
        Assert.Equal(730, RetentionPresets.PalmSprings.LongestDays); // audit two years is the longest
        Assert.Equal(365, RetentionPresets.Visalia.FixedCameraDays);
        Assert.Equal(365, RetentionPresets.Pittsburg.MobileCameraDays);
        Assert.Null(RetentionPresets.Find("nowhere"));
        Assert.Same(RetentionPresets.Escondido, RetentionPresets.Find("ESCONDIDO"));
    }
}
