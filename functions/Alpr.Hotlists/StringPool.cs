namespace Alpr.Hotlists;

/// <summary>Few distinct strings (reasons, who entered, list ids) stored once and referred to by a 16-bit index.</summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, ushort> _index = new(StringComparer.Ordinal);
    private readonly List<string> _values = [""];

    public ushort Add(string? value)
    {
        if (string.IsNullOrEmpty(value)) return 0;
        if (_index.TryGetValue(value, out var i)) return i;
        if (_values.Count == ushort.MaxValue) throw new InvalidOperationException("too many distinct values for a pooled field");
        i = (ushort)_values.Count;
        _values.Add(value);
        _index[value] = i;
        return i;
    }

    public string[] ToArray() => _values.ToArray();
}
