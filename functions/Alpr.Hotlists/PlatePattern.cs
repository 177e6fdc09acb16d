namespace Alpr.Hotlists;

/// <summary>
/// A partial plate from a major crime: known characters, '?' for exactly one unknown character, '*' for any
/// run (possibly empty). Compiled once; matching is a small backtracking walk over at most 10 characters.
/// </summary>
public sealed class PlatePattern
{
    public string Text { get; }
    /// <summary>How many characters the pattern states (confidence scales with it).</summary>
    public int KnownCount { get; }

    private PlatePattern(string text)
    {
        Text = text;
        KnownCount = text.Count(c => c is not ('?' or '*'));
    }

    public const int MinKnown = 3;

    /// <summary>Validates and normalises: upper-case A–Z/0–9 plus ? and *, at least <see cref="MinKnown"/> known characters.</summary>
    public static bool TryParse(string? raw, out PlatePattern? pattern, out string? error)
    {
        pattern = null;
        error = null;
        var chars = (raw ?? "").ToUpperInvariant().Where(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '?' or '*').ToArray();
        string text = new string(chars).Replace("**", "*");
        while (text.Contains("**")) text = text.Replace("**", "*");
        if (text.Length == 0) { error = "empty pattern"; return false; }
        if (text.Length > PlateKey.MaxLength + 2) { error = "pattern too long"; return false; }
        var p = new PlatePattern(text);
        if (p.KnownCount < MinKnown) { error = $"a partial plate needs at least {MinKnown} known characters"; return false; }
        pattern = p;
        return true;
    }

    public bool IsMatch(ReadOnlySpan<char> plate) => Match(Text, plate);

    private static bool Match(ReadOnlySpan<char> p, ReadOnlySpan<char> s)
    {
        while (p.Length > 0)
        {
            if (p[0] == '*')
            {
                var rest = p[1..];
                for (int skip = 0; skip <= s.Length; skip++)
                    if (Match(rest, s[skip..])) return true;
                return false;
            }
            if (s.Length == 0 || (p[0] != '?' && p[0] != s[0])) return false;
            p = p[1..];
            s = s[1..];
        }
        return s.Length == 0;
    }

    /// <summary>
    /// Where the index files this pattern: by the first known character's offset from the start when the
    /// pattern does not begin with '*', else from the end when it does not end with '*', else "floating".
    /// </summary>
    public (int Anchor, int Offset, char Char) Bucket()
    {
        int first = FirstKnown(Text), firstStar = Text.IndexOf('*');
        if (firstStar < 0 || first < firstStar) return (1, first, Text[first]);
        int last = LastKnown(Text), lastStar = Text.LastIndexOf('*');
        if (last > lastStar) return (2, Text.Length - 1 - last, Text[last]);
        return (0, 0, '\0');
    }

    private static int FirstKnown(string t) { for (int i = 0; i < t.Length; i++) if (t[i] is not ('?' or '*')) return i; return -1; }
    private static int LastKnown(string t) { for (int i = t.Length - 1; i >= 0; i--) if (t[i] is not ('?' or '*')) return i; return -1; }
}
