using System.Collections.Frozen;
using Alpr.Core.Hotlists;
using Alpr.Core.Reads;

namespace Alpr.Hotlists;

/// <summary>
/// Immutable snapshot of every live entry, keyed by normalised plate. Rebuilt off to the side and swapped
/// in one reference assignment (see <see cref="HotlistMatcher"/>), so a reader never sees half a list.
/// </summary>
public sealed class HotlistIndex
{
    private readonly FrozenDictionary<string, HotlistEntry[]> _exact;
    private readonly FrozenDictionary<string, Hotlist> _lists;

    public static HotlistIndex Empty { get; } = new([], []);

    public HotlistIndex(IEnumerable<Hotlist> lists, IEnumerable<HotlistEntry> entries)
    {
        _lists = lists.ToFrozenDictionary(l => l.Id, StringComparer.Ordinal);
        _exact = entries
            .Where(e => _lists.ContainsKey(e.ListId) && !e.IsPattern)
            .GroupBy(e => e.Plate, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public int EntryCount => _exact.Sum(kv => kv.Value.Length);

    public IReadOnlyList<HotlistMatch> Match(string plate, string? region, IReadOnlyList<PlateCandidate> alternatives, DateTimeOffset at)
    {
        if (plate.Length == 0 || !_exact.TryGetValue(plate, out var entries)) return [];
        var matches = new List<HotlistMatch>(entries.Length);
        foreach (var e in entries)
        {
            if (e.ExpiresAt is { } exp && exp <= at) continue;
            matches.Add(new HotlistMatch(e, _lists[e.ListId], MatchKind.Exact, 1.0, plate));
        }
        return matches;
    }
}
