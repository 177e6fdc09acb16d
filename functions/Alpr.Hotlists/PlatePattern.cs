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

    /// <summary>Matches without validating the pattern (searches may state fewer known characters than entries).</summary>
    public static bool Matches(string pattern, ReadOnlySpan<char> plate) => Match(pattern, plate);

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
    /// The known characters whose offset is fixed, counted from the start (up to the first '*') or from the
    /// end (back to the last '*'), whichever side states more. Empty for patterns like "*AB1*".
    /// </summary>
    public IReadOnlyList<(bool FromEnd, int Offset, char Char)> FixedCharacters()
    {
        var fromStart = new List<(bool, int, char)>();
        for (int i = 0; i < Text.Length && Text[i] != '*'; i++)
            if (Text[i] != '?') fromStart.Add((false, i, Text[i]));
        var fromEnd = new List<(bool, int, char)>();
        for (int i = Text.Length - 1, o = 0; i >= 0 && Text[i] != '*'; i--, o++)
            if (Text[i] != '?') fromEnd.Add((true, o, Text[i]));
        return fromEnd.Count > fromStart.Count ? fromEnd : fromStart;
    }
}
