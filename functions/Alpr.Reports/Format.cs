using System.Globalization;

namespace Alpr.Reports;

/// <summary>How figures and times are written in every rendering: invariant culture, agency-local times with the zone named.</summary>
public static class Format
{
    public static string N(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a (no verdicts)";

    public static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Local(DateTimeOffset? instant, TimeZoneInfo zone) => instant is { } i ? Local(i, zone) : "";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
