namespace Alpr.Core.Retention;

/// <summary>
/// The five agencies' written policies as presets. Where a policy says "at least one year" (Visalia 462.5,
/// Pittsburg 434.4) we keep exactly the minimum, 365 days, so nothing is kept longer than required.
/// </summary>
public static class RetentionPresets
{
    public const string PacificTime = "America/Los_Angeles";
    private const int OneYear = 365, TwoYears = 730;

    public static readonly RetentionPolicy SanLeandro = new()
    {
        Name = "san-leandro", Agency = "San Leandro PD", TimeZoneId = PacificTime,
        FixedCameraDays = 30, MobileCameraDays = OneYear, AuditDays = TwoYears,
        Citation = "418.5: fixed (Flock) images 30 days; server data one year, purged on the 366th day",
    };

    public static readonly RetentionPolicy PalmSprings = new()
    {
        Name = "palm-springs", Agency = "Palm Springs PD", TimeZoneId = PacificTime,
        FixedCameraDays = OneYear, MobileCameraDays = OneYear, AuditDays = TwoYears,
        Citation = "430.8: no longer than one year unless evidence",
    };

    public static readonly RetentionPolicy Escondido = new()
    {
        Name = "escondido", Agency = "Escondido PD", TimeZoneId = PacificTime,
        FixedCameraDays = TwoYears, MobileCameraDays = TwoYears, AuditDays = TwoYears,
        Citation = "1.62 V.A mobile two years; V.B fixed two years; V.C audit reports two years",
    };

    public static readonly RetentionPolicy Visalia = new()
    {
        Name = "visalia", Agency = "Visalia PD", TimeZoneId = PacificTime,
        FixedCameraDays = OneYear, MobileCameraDays = OneYear, AuditDays = TwoYears,
        Citation = "462.5: at least one year, then purged unless evidence",
    };

    public static readonly RetentionPolicy Pittsburg = new()
    {
        Name = "pittsburg", Agency = "Pittsburg PD", TimeZoneId = PacificTime,
        FixedCameraDays = OneYear, MobileCameraDays = OneYear, AuditDays = TwoYears,
        Citation = "434.4: at least one year, then purged unless evidence",
    };

    public static readonly IReadOnlyDictionary<string, RetentionPolicy> All =
        new[] { SanLeandro, PalmSprings, Escondido, Visalia, Pittsburg }.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The preset named, or null (callers refuse to purge without a known policy: fail closed).</summary>
    public static RetentionPolicy? Find(string? name) => name is not null && All.TryGetValue(name, out var p) ? p : null;
}
