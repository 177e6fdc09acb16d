namespace Alpr.Core.Search;

/// <summary>A place whose surroundings are sensitive (a place of worship, a clinic, a shelter ...).</summary>
public sealed record SensitivePlace(string Name, double Latitude, double Longitude, double RadiusKm);

public sealed class UseGuardOptions
{
    /// <summary>A result with more distinct plates than this is flagged.</summary>
    public int FlagDistinctPlatesOver { get; set; } = 50;
    public List<SensitivePlace> SensitivePlaces { get; set; } = [];
}

/// <summary>
/// Prohibited-use guards: searches are not blocked (an investigation may need them) but flagged in the audit
/// entry so the quarterly audit reviews them (Palm Springs 430.9, San Leandro 418.6.1).
/// </summary>
public static class UseGuards
{
    public static IReadOnlyList<string> Flags(ReadQuery query, int distinctPlates, UseGuardOptions options)
    {
        var flags = new List<string>();
        if (distinctPlates > options.FlagDistinctPlatesOver) flags.Add($"many-plates:{distinctPlates}");
        if (query.Area is { } area)
            foreach (var place in options.SensitivePlaces)
                if (Area.DistanceKm(area.Latitude, area.Longitude, place.Latitude, place.Longitude) <= area.RadiusKm + place.RadiusKm)
                    flags.Add($"sensitive-area:{place.Name}");
        if (query.Plate is null && query.Pattern is null && query.Cameras.Count == 0 && query.Area is not null) flags.Add("area-only");
        return flags;
    }
}
