namespace Alpr.Recognition;

/// <summary>
/// Whether a recognised line looks like a plate, from its text and the shape of its box — never from lists of
/// known plates. State names, slogans and dealer frames are long all-letter words; plates are 2–8 characters,
/// usually mixing letters and digits, and are the tallest text on the plate.
/// </summary>
public static class PlateCandidateScore
{
    private static readonly string[] RegionWords = [.. UsStates.Names.Keys, "DMV", "ORG", "COM", "NET", "USA", "STATE", "DEALER", "MOTORS", "AUTO", "SALES", "FORD", "TOYOTA", "HONDA", "CHEVROLET", "NISSAN"];

    /// <summary>0 = not a plate; otherwise higher is more plate-like. <paramref name="relativeHeight"/> is the box height over the tallest box's.</summary>
    public static double Score(string text, double confidence, double aspect, double relativeHeight)
    {
        if (text.Length is < 2 or > 8) return 0;
        int digits = text.Count(char.IsAsciiDigit), letters = text.Length - digits;
        if (letters > 0 && digits == 0 && IsRegionWord(text)) return 0;
        if (aspect < 0.8) return 0; // taller than wide: not a line of plate characters
        double pattern = digits > 0 && letters > 0 ? 1.0 : digits > 0 ? 0.75 : 0.45;
        double length = text.Length switch { >= 5 and <= 8 => 1.0, 4 => 0.8, 3 => 0.55, _ => 0.35 };
        double size = 0.4 + 0.6 * Math.Clamp(relativeHeight, 0, 1);
        double stamp = LooksLikeDateStamp(text) ? 0.2 : 1.0;
        return confidence * pattern * length * size * stamp;
    }

    /// <summary>
    /// Camera date/time overlays ("20140618", "201405") read as all-digit lines: a year 19xx/20xx followed by a
    /// valid month. Lowered, not rejected — an all-digit plate can look like this.
    /// </summary>
    public static bool LooksLikeDateStamp(string text) =>
        text.Length >= 6 && text.All(char.IsAsciiDigit) && (text.StartsWith("19", StringComparison.Ordinal) || text.StartsWith("20", StringComparison.Ordinal))
        && int.Parse(text.AsSpan(4, 2)) is >= 1 and <= 12;

    public static bool IsRegionWord(string text) =>
        text.Length >= 3 && RegionWords.Any(w => w.Length >= 3 && (text.Contains(w, StringComparison.Ordinal) || (w.Length >= 6 && Levenshtein.Distance(text, w) <= 2)));
}
