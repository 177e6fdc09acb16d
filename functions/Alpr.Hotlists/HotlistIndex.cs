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
    private const int MaxAlternativeDifferences = 2;

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

    /// <summary>Exact matches only: one binary search over the packed keys.</summary>
    public IReadOnlyList<HotlistMatch> MatchExact(string plate, string? region, DateTimeOffset at)
    {
        var found = new Candidates(this, EntryTable.ToMinute(at), EntryTable.PackState(region));
        OfferExact(ref found, plate, PlateKey.Pack(plate));
        return found.ToMatches();
    }

    private void OfferExact(ref Candidates found, string plate, ulong key)
    {
        if (key == 0) return;
        for (int i = First(_table.Key, key); i >= 0 && i < _table.Key.Length && _table.Key[i] == key; i++)
            found.Offer(i, MatchKind.Exact, 1.0, plate);
    }

    /// <summary>Every mode: exact, OCR-confusable, the recogniser's alternatives, and partial plates.</summary>
    public IReadOnlyList<HotlistMatch> Match(string plate, string? region, IReadOnlyList<PlateCandidate> alternatives, DateTimeOffset at)
    {
        if (plate.Length == 0 || _table.Count == 0) return [];
        var found = new Candidates(this, EntryTable.ToMinute(at), EntryTable.PackState(region));
        ulong key = PlateKey.Pack(plate);
        if (key != 0)
        {
            OfferExact(ref found, plate, key);
            ulong fuzzy = PlateKey.PackConfusable(plate);
            for (int j = First(_fuzzyKeys, fuzzy); j >= 0 && j < _fuzzyKeys.Length && _fuzzyKeys[j] == fuzzy; j++)
            {
                int i = _fuzzyEntries[j];
                if (_table.Key[i] != key) found.Offer(i, MatchKind.Fuzzy, Math.Pow(_options.FuzzyPerCharacter, Differences(_table.Key[i], key)), plate);
            }
        }
        foreach (var alt in alternatives)
        {
            ulong altKey = alt.Text == plate ? 0 : PlateKey.Pack(alt.Text);
            // Only readings of the same plate: same length, at most two characters different. A recogniser may
            // list other lines of the image (a badge, a year) among its alternatives; those are not this plate.
            if (altKey == 0 || key == 0 || (altKey >> 60) != (key >> 60) || Differences(altKey, key) > MaxAlternativeDifferences) continue;
            for (int i = First(_table.Key, altKey); i >= 0 && i < _table.Key.Length && _table.Key[i] == altKey; i++)
                found.Offer(i, MatchKind.Fuzzy, _options.AlternativeReading * Math.Clamp(alt.Confidence, 0, 1), alt.Text);
        }
        if (_patterns.Count > 0)
        {
            var partial = new List<(int Entry, double Confidence)>();
            _patterns.ForEachMatch(plate, (p, i) => partial.Add((i, _options.PartialBase * Math.Min(1.0, p.KnownCount / (double)plate.Length))));
            foreach (var (i, c) in partial) found.Offer(i, MatchKind.Partial, c, plate);
        }
        return found.ToMatches();
    }

    /// <summary>The entries a read hit, best confidence kept per entry; allocated only once something matches.</summary>
    private struct Candidates(HotlistIndex index, int nowMinute, ushort readState)
    {
        private List<(int Entry, MatchKind Kind, double Confidence, string Text)>? _items;

        public void Offer(int entry, MatchKind kind, double confidence, string text)
        {
            var t = index._table;
            if (!t.IsLive(entry, nowMinute)) return;
            if (readState != 0 && t.State[entry] != 0 && t.State[entry] != readState) confidence *= index._options.StateMismatch;
            if (confidence < index._options.MinimumConfidence) return;
            _items ??= [];
            int at = _items.FindIndex(x => x.Entry == entry);
            if (at < 0) _items.Add((entry, kind, confidence, text));
            else if (confidence > _items[at].Confidence) _items[at] = (entry, kind, confidence, text);
        }

        public readonly IReadOnlyList<HotlistMatch> ToMatches()
        {
            if (_items is null) return [];
            var matches = new List<HotlistMatch>(_items.Count);
            foreach (var (i, kind, confidence, text) in _items)
            {
                var entry = index._table.Materialize(i);
                if (index._lists.TryGetValue(entry.ListId, out var list)) matches.Add(new HotlistMatch(entry, list, kind, Math.Round(confidence, 4), text));
            }
            matches.Sort((a, b) => b.Confidence.CompareTo(a.Confidence) is var c && c != 0 ? c : a.Entry.Priority.CompareTo(b.Entry.Priority));
            return matches;
        }
    }

    /// <summary>The first index holding <paramref name="key"/> in a sorted array, or -1.</summary>
    private static int First(ulong[] keys, ulong key)
    {
        int i = Array.BinarySearch(keys, key);
        if (i < 0) return -1;
        while (i > 0 && keys[i - 1] == key) i--;
        return i;
    }

    private static int Differences(ulong a, ulong b)
    {
        int d = 0;
        for (ulong x = a ^ b; x != 0; x >>= 6) if ((x & 63) != 0) d++;
        return d;
    }
}
