namespace Alpr.Core.Plates;

/// <summary>Plate numbering systems with different letter/digit conventions.</summary>
public enum PlateFamily { Us, Eu, Br }

/// <summary>
/// A serial format: <c>L</c> a letter, <c>D</c> a digit, in reading order (separators dropped). The weight says how
/// common the format is within its family (1 = a main standard issue), and only orders formats; it is not a probability.
/// </summary>
public sealed record PlateFormat(PlateFamily Family, string Regions, string Mask, double Weight);

/// <summary>
/// Standard-issue passenger formats, written down from the issuing authorities' published schemes (not learnt from any
/// image set). Vanity and special plates follow no format; the decoder only lowers their score, never refuses them.
/// </summary>
public static class PlateFormats
{
    public static readonly IReadOnlyList<PlateFormat> All =
    [
        // United States (state-issued sequential series; most states avoid O and I, or treat O as 0)
        new(PlateFamily.Us, "CA", "DLLLDDD", 1.0),
        new(PlateFamily.Us, "TX NY PA OH NC GA VA MI WI AZ WA MD", "LLLDDDD", 1.0),
        new(PlateFamily.Us, "MO", "LLDLDL", 1.0),
        new(PlateFamily.Us, "many", "LLLDDD", 1.0),
        new(PlateFamily.Us, "many", "DDDLLL", 1.0),
        new(PlateFamily.Us, "TX", "LLDLDDD", 0.7),
        new(PlateFamily.Us, "NJ", "LDDLLL", 0.7),
        new(PlateFamily.Us, "NJ", "LLLDDL", 0.7),
        new(PlateFamily.Us, "MA", "DLLLDD", 0.7),
        new(PlateFamily.Us, "MA WV", "DLLDDD", 0.7),
        new(PlateFamily.Us, "MA", "DDLLDD", 0.5),
        new(PlateFamily.Us, "FL CO", "LLLLDD", 0.7),
        new(PlateFamily.Us, "IL", "LLDDDDD", 0.7),
        new(PlateFamily.Us, "IL LA", "LDDDDDD", 0.5),
        new(PlateFamily.Us, "DC VA", "LLDDDD", 0.7),
        new(PlateFamily.Us, "VA ME IA", "DDDDLL", 0.7),
        new(PlateFamily.Us, "NV", "DDLDDD", 0.5),
        new(PlateFamily.Us, "AL", "DLDDDDL", 0.5),
        new(PlateFamily.Us, "ID MT WY", "DLDDDDD", 0.5),
        new(PlateFamily.Us, "MD", "DLLDDDD", 0.5),
        new(PlateFamily.Us, "RI", "LLDDD", 0.5),
        new(PlateFamily.Us, "IL NH", "DDDDDDD", 0.5),
        new(PlateFamily.Us, "DE NH RI", "DDDDDD", 0.5),
        new(PlateFamily.Us, "small series", "DDDDD", 0.3),
        new(PlateFamily.Us, "small series", "DDDD", 0.3),

        // Europe (single-line national formats)
        new(PlateFamily.Eu, "HR RS ME FR IT SK", "LLDDDLL", 1.0),
        new(PlateFamily.Eu, "HR", "LLDDDDLL", 0.5),
        new(PlateFamily.Eu, "PL", "LLDDDDD", 0.7),
        new(PlateFamily.Eu, "PL", "LLLDDDD", 0.7),
        new(PlateFamily.Eu, "PL", "LLLDDLL", 0.3),
        new(PlateFamily.Eu, "CZ", "DLDDDDD", 1.0),
        new(PlateFamily.Eu, "CZ", "DLLDDDD", 0.5),
        new(PlateFamily.Eu, "GB", "LLDDLLL", 0.7),
        new(PlateFamily.Eu, "ES", "DDDDLLL", 0.7),
        new(PlateFamily.Eu, "BE", "DLLLDDD", 0.5),
        new(PlateFamily.Eu, "NL", "LLDDLL", 0.3),
        new(PlateFamily.Eu, "NL", "DDLLLD", 0.3),
        new(PlateFamily.Eu, "NL", "LLDDDL", 0.3),
        new(PlateFamily.Eu, "NL", "DLLLDD", 0.3),
        new(PlateFamily.Eu, "NL", "LDDDLL", 0.3),
        // Germany: 1-3 letter district, 1-2 letters, 1-4 digits (and Austria/Switzerland-like letter+digit runs)
        .. GermanStyle(),

        // Brazil: the old grey series and Mercosur
        new(PlateFamily.Br, "BR", "LLLDDDD", 1.0),
        new(PlateFamily.Br, "BR", "LLLDLDD", 1.0),
    ];

    private static IEnumerable<PlateFormat> GermanStyle()
    {
        for (int letters = 2; letters <= 5; letters++)
            for (int digits = 1; digits <= 4; digits++)
                if (letters + digits is >= 4 and <= 8)
                    yield return new PlateFormat(PlateFamily.Eu, "DE AT CH", new string('L', letters) + new string('D', digits), 0.2);
    }

    /// <summary>The formats of the given families (all when null or empty).</summary>
    public static IReadOnlyList<PlateFormat> Of(IReadOnlyCollection<PlateFamily>? families) =>
        families is null || families.Count == 0 ? All : All.Where(f => families.Contains(f.Family)).ToList();
}
