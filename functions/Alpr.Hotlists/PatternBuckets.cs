namespace Alpr.Hotlists;

/// <summary>
/// Partial-plate entries filed by their first two known characters at fixed offsets (from the start when
/// the pattern does not begin with '*', else from the end), so a read is tested only against the few
/// patterns that agree with it on both. Patterns with fewer fixed characters fall back to one-character
/// buckets, and those fixed at neither end ("*AB1*") are scanned.
/// </summary>
internal sealed class PatternBuckets
{
    private readonly Dictionary<long, List<(PlatePattern Pattern, int Entry)>> _buckets = [];
    private readonly List<(PlatePattern Pattern, int Entry)> _floating = [];
    private bool _hasSingles;

    public int Count { get; private set; }

    public void Add(PlatePattern pattern, int entry)
    {
        Count++;
        var fixedChars = pattern.FixedCharacters();
        if (fixedChars.Count == 0) { _floating.Add((pattern, entry)); return; }
        long key = fixedChars.Count >= 2
            ? Key(fixedChars[0].FromEnd, fixedChars[0].Offset, fixedChars[0].Char, fixedChars[1].Offset, fixedChars[1].Char)
            : Key(fixedChars[0].FromEnd, fixedChars[0].Offset, fixedChars[0].Char, -1, '\0');
        _hasSingles |= fixedChars.Count == 1;
        if (!_buckets.TryGetValue(key, out var list)) _buckets[key] = list = [];
        list.Add((pattern, entry));
    }

    public void ForEachMatch(string plate, Action<PlatePattern, int> onMatch)
    {
        int n = plate.Length;
        for (int o1 = 0; o1 < n; o1++)
        {
            char s1 = plate[o1], e1 = plate[n - 1 - o1];
            if (_hasSingles)
            {
                Visit(Key(false, o1, s1, -1, '\0'), plate, onMatch);
                Visit(Key(true, o1, e1, -1, '\0'), plate, onMatch);
            }
            for (int o2 = o1 + 1; o2 < n; o2++)
            {
                Visit(Key(false, o1, s1, o2, plate[o2]), plate, onMatch);
                Visit(Key(true, o1, e1, o2, plate[n - 1 - o2]), plate, onMatch);
            }
        }
        foreach (var (p, e) in _floating) if (p.IsMatch(plate)) onMatch(p, e);
    }

    private void Visit(long key, string plate, Action<PlatePattern, int> onMatch)
    {
        if (!_buckets.TryGetValue(key, out var list)) return;
        foreach (var (p, e) in list) if (p.IsMatch(plate)) onMatch(p, e);
    }

    private static long Key(bool fromEnd, int o1, char c1, int o2, char c2) =>
        ((((fromEnd ? 1L : 0L) * 16 + o1) * 64 + PlateKey.Code(c1)) * 17 + (o2 + 1)) * 64 + PlateKey.Code(c2);
}
