using Alpr.Core.Access;
using Alpr.Core.Plates;

namespace Alpr.Core.Search;

/// <summary>A circle on the map.</summary>
public sealed record Area(double Latitude, double Longitude, double RadiusKm)
{
    public bool Contains(double lat, double lon) => DistanceKm(Latitude, Longitude, lat, lon) <= RadiusKm;

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0;
        double dLat = (lat2 - lat1) * Math.PI / 180, dLon = (lon2 - lon1) * Math.PI / 180;
        double a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}

/// <summary>
/// An investigative search, validated: exact plate or partial pattern (known characters only), time range,
/// cameras, area, hits only — and always a permitted reason and a case / event number.
/// </summary>
public sealed record ReadQuery
{
    public string? Plate { get; init; }
    public string? Pattern { get; init; }
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public IReadOnlyList<string> Cameras { get; init; } = [];
    public Area? Area { get; init; }
    public bool HitsOnly { get; init; }
    public required QueryReason Reason { get; init; }
    public required string CaseNumber { get; init; }

    public const int MaxDays = 400;

    /// <summary>A query from request fields, or the reason it is refused (the caller answers 400 and logs it).</summary>
    public static (ReadQuery? Query, string? Error) Parse(string? plate, string? reason, string? caseNumber, DateTimeOffset? from, DateTimeOffset? to,
        string? cameras, double? lat, double? lon, double? radiusKm, bool hitsOnly, DateTimeOffset now)
    {
        if (!QueryReasons.TryParse(reason, out var r))
            return (null, $"reason is required: one of {string.Join(", ", Enum.GetValues<QueryReason>().Select(x => x.ToWire()))}");
        if (!QueryReasons.IsValidCaseNumber(caseNumber)) return (null, "caseNumber (case or event number, 3–40 characters) is required");
        string? exact = null, pattern = null;
        if (!string.IsNullOrWhiteSpace(plate))
        {
            string upper = plate.Trim().ToUpperInvariant();
            if (upper.AsSpan().IndexOfAny('?', '*') >= 0)
            {
                pattern = new string(upper.Where(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '?' or '*').ToArray());
                if (pattern.Count(c => c is not ('?' or '*')) < 2) return (null, "a partial plate needs at least 2 known characters");
            }
            else
            {
                exact = PlateText.Normalize(upper);
                if (!PlateText.IsPlausible(exact)) return (null, "plate must be 2–8 letters and digits (use ? and * for unknown characters)");
            }
        }
        var t1 = to ?? now;
        var t0 = from ?? t1.AddDays(-30);
        if (t0 > t1) return (null, "from is after to");
        if ((t1 - t0).TotalDays > MaxDays) return (null, $"a search may span at most {MaxDays} days");
        Area? area = null;
        if (lat is not null || lon is not null || radiusKm is not null)
        {
            if (lat is not { } la || lon is not { } lo || radiusKm is not { } rk || la is < -90 or > 90 || lo is < -180 or > 180 || rk is <= 0 or > 200)
                return (null, "an area needs lat, lon and radiusKm (0–200 km)");
            area = new Area(la, lo, rk);
        }
        if (exact is null && pattern is null && area is null && string.IsNullOrWhiteSpace(cameras) && !hitsOnly)
            return (null, "narrow the search: a plate, a partial plate, cameras, an area, or hits only");
        var cams = (cameras ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        return (new ReadQuery { Plate = exact, Pattern = pattern, From = t0, To = t1, Cameras = cams, Area = area, HitsOnly = hitsOnly, Reason = r, CaseNumber = caseNumber!.Trim() }, null);
    }

    /// <summary>The query as logged: every criterion, nothing else.</summary>
    public string Describe() =>
        string.Join("; ", new[]
        {
            Plate is null ? null : $"plate={Plate}", Pattern is null ? null : $"pattern={Pattern}", $"from={From:O}", $"to={To:O}",
            Cameras.Count == 0 ? null : $"cameras={string.Join(",", Cameras)}", Area is null ? null : $"area={Area.Latitude},{Area.Longitude} r={Area.RadiusKm}km",
            HitsOnly ? "hitsOnly" : null,
        }.Where(x => x is not null));
}
