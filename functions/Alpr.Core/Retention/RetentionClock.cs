using Alpr.Core.Cameras;

namespace Alpr.Core.Retention;

/// <summary>
/// Day arithmetic in the agency's zone. A read's capture day is the agency-local calendar day of its capture
/// instant; its age on a given day is the number of local midnights since. It expires when its age exceeds the
/// period: on local day D everything captured before local midnight starting day D-N is past an N-day period.
/// DST does not move the boundary: midnights are converted with the offset in force on that date.
/// </summary>
public static class RetentionClock
{
    public static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public static int AgeInDays(DateTimeOffset capturedAt, DateTimeOffset now, TimeZoneInfo zone) =>
        LocalDay(now, zone).DayNumber - LocalDay(capturedAt, zone).DayNumber;

    /// <summary>The UTC instant of local midnight starting <paramref name="day"/>.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Zones that spring forward at midnight have no 00:00; the day then starts at the first valid minute.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Reads captured strictly before this instant are past the period for <paramref name="kind"/>.</summary>
    public static DateTimeOffset Cutoff(RetentionPolicy policy, CameraKind kind, DateTimeOffset now) =>
        CutoffForDays(policy.DaysFor(kind), now, policy.TimeZone);

    public static DateTimeOffset CutoffForDays(int days, DateTimeOffset now, TimeZoneInfo zone) =>
        StartOfDay(LocalDay(now, zone).AddDays(-days), zone).ToUniversalTime();

    public static bool IsExpired(RetentionPolicy policy, CameraKind kind, DateTimeOffset capturedAt, DateTimeOffset now) =>
        capturedAt < Cutoff(policy, kind, now);
}
