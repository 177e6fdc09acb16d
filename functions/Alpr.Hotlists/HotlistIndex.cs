using Alpr.Core.Hotlists;
using Alpr.Core.Reads;

namespace Alpr.Hotlists;

/// <summary>
/// Immutable snapshot of every live entry: exact lookups by binary search over packed plate keys, fuzzy
/// lookups by confusion-class keys, partial plates through <see cref="PatternBuckets"/>. Built off to the
/// side and swapped in by <see cref="HotlistMatcher.Replace"/>, so a reader never sees half a list.
/// </summary>
public sealed class HotlistIndex
{
    private readonly EntryTable _table;
    private readonly ulong[] _fuzzyKeys;
    private readonly int[] _fuzzyEntries;
    private readonly PatternBuckets _patterns;
    private readonly Dictionary<string, Hotlist> _lists;
    private readonly MatchOptions _options;

    public static HotlistIndex Empty { get; } = new([], []);

    public HotlistIndex(IEnumerable<Hotlist> lists, IEnumerable<HotlistEntry> entries, MatchOptions? options = null)
    {
        _options = options ?? MatchOptions.Default;
        _lists = lists.ToDictionary(l => l.Id, StringComparer.Ordinal);
        var builder = new HotlistIndexBuilder();
        var known = _lists.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var e in entries) builder.Add(e, known);
        (_table, _fuzzyKeys, _fuzzyEntries, _patterns) = builder.Build();
    }

    public int EntryCount => _table.Count;
    public int PatternCount => _patterns.Count;
    public IReadOnlyCollection<Hotlist> Lists => _lists.Values;

    /// <summary>Bytes held by the index's arrays (an estimate that excludes the few list headers).</summary>
    public long ApproximateBytes => _table.ApproximateBytes() + _fuzzyKeys.Length * 12L;

    public IReadOnlyList<HotlistMatch> Match(string plate, string? region, IReadOnlyList<PlateCandidate> alternatives, DateTimeOffset at)
    {
        if (plate.Length == 0 || _table.Count == 0) return [];
        int now = EntryTable.ToMinute(at);
        ushort readState = EntryTable.PackState(region);
        var best = new Dictionary<int, (MatchKind Kind, double Confidence, string Text)>();

        void Offer(int entry, MatchKind kind, double confidence, string text)
        {
            if (!_table.IsLive(entry, now)) return;
            if (readState != 0 && _table.State[entry] != 0 && _table.State[entry] != readState) confidence *= _options.StateMismatch;
            if (confidence < _options.MinimumConfidence) return;
            if (!best.TryGetValue(entry, out var b) || confidence > b.Confidence) best[entry] = (kind, confidence, text);
        }

        ulong key = PlateKey.Pack(plate);
        if (key != 0)
        {
            foreach (int i in Range(_table.Key, key)) Offer(i, MatchKind.Exact, 1.0, plate);
            ulong fuzzy = PlateKey.PackConfusable(plate);
            foreach (int j in Range(_fuzzyKeys, fuzzy))
            {
                int i = _fuzzyEntries[j];
                if (_table.Key[i] == key) continue;
                Offer(i, MatchKind.Fuzzy, Math.Pow(_options.FuzzyPerCharacter, Differences(_table.Key[i], key)), plate);
            }
        }
        foreach (var alt in alternatives)
        {
            if (alt.Text == plate || PlateKey.Pack(alt.Text) is var altKey && altKey == 0) continue;
            foreach (int i in Range(_table.Key, altKey)) Offer(i, MatchKind.Fuzzy, _options.AlternativeReading * Math.Clamp(alt.Confidence, 0, 1), alt.Text);
        }
        if (_patterns.Count > 0)
            _patterns.ForEachMatch(plate, (p, i) => Offer(i, MatchKind.Partial, _options.PartialBase * Math.Min(1.0, p.KnownCount / (double)plate.Length), plate));

        if (best.Count == 0) return [];
        var matches = new List<HotlistMatch>(best.Count);
        foreach (var (i, m) in best)
        {
            var entry = _table.Materialize(i);
            if (_lists.TryGetValue(entry.ListId, out var list)) matches.Add(new HotlistMatch(entry, list, m.Kind, Math.Round(m.Confidence, 4), m.Text));
        }
        matches.Sort((a, b) => b.Confidence.CompareTo(a.Confidence) is var c && c != 0 ? c : a.Entry.Priority.CompareTo(b.Entry.Priority));
        return matches;
    }

    /// <summary>Indexes i with keys[i] == key in a sorted array (usually zero or one).</summary>
    private static IEnumerable<int> Range(ulong[] keys, ulong key)
    {
        int i = Array.BinarySearch(keys, key);
        if (i < 0) yield break;
        while (i > 0 && keys[i - 1] == key) i--;
        for (; i < keys.Length && keys[i] == key; i++) yield return i;
    }

    private static int Differences(ulong a, ulong b)
    {
        int d = 0;
        for (ulong x = a ^ b; x != 0; x >>= 6) if ((x & 63) != 0) d++;
        return d;
    }
}
