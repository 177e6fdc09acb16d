using Alpr.Core.Cameras;

namespace Alpr.Core.Retention;

/// <summary>
/// How long one agency keeps ALPR data, per source, in whole agency-local days. Periods are days rather than
/// "years" so the rule is exact and testable: a period of N days keeps a read through the N-th day after its
/// capture day and purges it on day N+1 ("1 year" = 365 days, purged on the 366th day).
/// </summary>
public sealed record RetentionPolicy
{
    /// <summary>Preset key, e.g. "san-leandro".</summary>
    public required string Name { get; init; }
    public required string Agency { get; init; }
    /// <summary>IANA zone whose midnights are the day boundaries (all five agencies: America/Los_Angeles).</summary>
    public required string TimeZoneId { get; init; }
    public required int FixedCameraDays { get; init; }
    public required int MobileCameraDays { get; init; }
    public required int AuditDays { get; init; }
    /// <summary>The policy sections these periods come from, for the purge record and the auditor.</summary>
    public required string Citation { get; init; }

    public int DaysFor(CameraKind kind) => kind == CameraKind.Mobile ? MobileCameraDays : FixedCameraDays;

    /// <summary>The longest period of this policy: anything older needs an explanation (a hold).</summary>
    public int LongestDays => Math.Max(Math.Max(FixedCameraDays, MobileCameraDays), AuditDays);

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}
