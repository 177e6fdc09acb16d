namespace Alpr.Core.Plates;

/// <summary>Plate text rules shared by every stage: one normal form for storage, matching and scoring.</summary>
public static class PlateText
{
    /// <summary>Upper-case A–Z and 0–9 only; spaces, dashes, dots and other marks dropped.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        Span<char> buffer = text.Length <= 64 ? stackalloc char[text.Length] : new char[text.Length];
        int n = 0;
        foreach (char raw in text)
        {
            char c = char.ToUpperInvariant(raw);
            if (c is >= 'A' and <= 'Z' or >= '0' and <= '9') buffer[n++] = c;
        }
        return new string(buffer[..n]);
    }

    /// <summary>True when the normalised text has a plausible plate length (2–8 characters).</summary>
    public static bool IsPlausible(string normalized) => normalized.Length is >= 2 and <= 8;
}
