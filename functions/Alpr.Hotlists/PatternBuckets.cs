namespace Alpr.Hotlists;

/// <summary>
/// Partial-plate entries filed by one known character at a fixed offset (from the start or from the end), so
/// a read is tested only against patterns that agree with it on that character.
/// </summary>
internal sealed class PatternBuckets
{
    private readonly Dictionary<int, List<(PlatePattern Pattern, int Entry)>> _buckets = [];
    private readonly List<(PlatePattern Pattern, int Entry)> _floating = [];

    public int Count { get; private set; }

    public void Add(PlatePattern pattern, int entry)
    {
        var (anchor, offset, c) = pattern.Bucket();
        Count++;
        if (anchor == 0) { _floating.Add((pattern, entry)); return; }
        int key = BucketKey(anchor, offset, c);
        if (!_buckets.TryGetValue(key, out var list)) _buckets[key] = list = [];
        list.Add((pattern, entry));
    }

    public void ForEachMatch(string plate, Action<PlatePattern, int> onMatch)
    {
        for (int o = 0; o < plate.Length; o++)
        {
            Visit(BucketKey(1, o, plate[o]), plate, onMatch);
            Visit(BucketKey(2, o, plate[plate.Length - 1 - o]), plate, onMatch);
        }
        foreach (var (p, e) in _floating) if (p.IsMatch(plate)) onMatch(p, e);
    }

    private void Visit(int key, string plate, Action<PlatePattern, int> onMatch)
    {
        if (!_buckets.TryGetValue(key, out var list)) return;
        foreach (var (p, e) in list) if (p.IsMatch(plate)) onMatch(p, e);
    }

    private static int BucketKey(int anchor, int offset, char c) => (anchor * 16 + offset) * 64 + PlateKey.Code(c);
}
