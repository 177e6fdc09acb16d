using Alpr.Core.Cameras;

namespace Alpr.Core.Retention;

/// <summary>
/// Pure decision for a batch: delete what is past its period and under no hold. A read is held if its own
/// marker lists a hold OR the holds store lists it; either one is enough to keep it (two independent signals).
/// </summary>
public static class PurgePlanner
{
    public static PurgeDecision Decide(PurgeCandidate c, RetentionPolicy policy, DateTimeOffset now, IReadOnlySet<string> heldReadIds)
    {
        if (!RetentionClock.IsExpired(policy, c.CameraKind, c.CapturedAt, now)) return PurgeDecision.KeepNotExpired;
        if (c.Holds.Count > 0 || heldReadIds.Contains(c.ReadId)) return PurgeDecision.KeepHeld;
        return PurgeDecision.Delete;
    }

    /// <summary>Key for the purge record's per-source, per-day counts: "fixed/2025-11-20" (agency-local capture day).</summary>
    public static string CountKey(PurgeCandidate c, RetentionPolicy policy) =>
        $"{c.CameraKind.ToWire()}/{RetentionClock.LocalDay(c.CapturedAt, policy.TimeZone):yyyy-MM-dd}";

    /// <summary>
    /// A string bound for a coarse query prefilter on the stored ISO-8601 "capturedAt": any instant before
    /// <paramref name="cutoff"/>, written with any UTC offset (−12..+14 h), has a date prefix below this bound.
    /// The exact test is <see cref="Decide"/>.
    /// </summary>
    public static string PrefilterBound(DateTimeOffset cutoff) =>
        DateOnly.FromDateTime(cutoff.UtcDateTime).AddDays(2).ToString("yyyy-MM-dd");
}
