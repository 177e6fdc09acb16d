namespace Alpr.Recognition.Rules;

/// <summary>
/// Camera overlays: many ALPR and traffic cameras burn the date and time into the frame as two stacked lines of
/// digits ("20140509" over "070206"). The time line reads like an all-digit plate, so it is recognised by its
/// neighbour, a date line of the same height just above or below.
/// </summary>
public static class OverlayText
{
    public static bool IsTimestampPart(TextLine line, IReadOnlyList<TextLine> all)
    {
        if (!AllDigits(line.Text)) return false;
        foreach (var other in all)
        {
            if (ReferenceEquals(other, line) || !LooksLikeDate(other.Text)) continue;
            double h = Math.Max(line.Height, other.Height);
            // the date's box may take in both lines of the overlay, twice the time line's height
            if (Math.Min(line.Height, other.Height) < 0.5 * h) continue;
            if (Math.Abs(other.CenterY - line.CenterY) > 2.5 * h) continue;
            if (Math.Abs(other.CenterX - line.CenterX) > 1.5 * Math.Max(line.Width, other.Width)) continue;
            return true;
        }
        return false;
    }

    /// <summary>Seven or more digits starting with a year 19xx/20xx (yyyymmdd, possibly with the time run on).</summary>
    public static bool LooksLikeDate(string text) =>
        text.Length >= 7 && AllDigits(text) && (text.StartsWith("20", StringComparison.Ordinal) || text.StartsWith("19", StringComparison.Ordinal));

    private static bool AllDigits(string t) => t.Length > 0 && t.All(char.IsAsciiDigit);
}
