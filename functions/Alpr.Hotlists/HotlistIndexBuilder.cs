using System.Text;
using Alpr.Core.Hotlists;

namespace Alpr.Hotlists;

/// <summary>Collects entries into an <see cref="EntryTable"/>, sorted by plate key, plus the fuzzy and pattern indexes.</summary>
internal sealed class HotlistIndexBuilder
{
    private readonly StringPool _strings = new();
    private readonly List<ulong> _key = [];
    private readonly List<ushort> _list = [], _state = [], _reason = [], _enteredBy = [], _entryReason = [];
    private readonly List<byte> _priority = [];
    private readonly List<int> _expires = [], _entered = [], _textStart = [];
    private readonly List<PlatePattern?> _patterns = [];
    private readonly MemoryStream _text = new();

    public void Add(HotlistEntry e, IReadOnlySet<string> knownLists)
    {
        if (!knownLists.Contains(e.ListId)) return;
        ulong key = 0;
        PlatePattern? pattern = null;
        if (e.IsPattern)
        {
            if (!PlatePattern.TryParse(e.Plate, out pattern, out _)) return;
        }
        else if ((key = PlateKey.Pack(e.Plate)) == 0) return;

        _key.Add(key);
        _patterns.Add(pattern);
        _list.Add(_strings.Add(e.ListId));
        _state.Add(EntryTable.PackState(e.State));
        _priority.Add((byte)Math.Clamp(e.Priority, 0, 255));
        _reason.Add(_strings.Add(e.Reason));
        _enteredBy.Add(_strings.Add(e.EnteredBy));
        _entryReason.Add(_strings.Add(e.EntryReason));
        _expires.Add(EntryTable.ToMinute(e.ExpiresAt));
        _entered.Add(EntryTable.ToMinute(e.EnteredAt));
        _textStart.Add((int)_text.Length);
        var bytes = Encoding.UTF8.GetBytes($"{e.Id}\u001f{e.ReferenceNumber}\u001f{pattern?.Text}");
        _text.Write(bytes);
    }

    public (EntryTable Table, ulong[] FuzzyKeys, int[] FuzzyEntries, PatternBuckets Patterns) Build()
    {
        int n = _key.Count;
        // Sort entries by plate key so exact lookups are a binary search over the table itself.
        var order = Enumerable.Range(0, n).ToArray();
        var keys = _key.ToArray();
        Array.Sort((ulong[])keys.Clone(), order);
        int[] starts = _textStart.ToArray();
        byte[] text = _text.ToArray();

        var t = new EntryTable { Count = n, Strings = _strings.ToArray() };
        t.Key = Permute(keys, order);
        t.List = Permute(_list, order);
        t.State = Permute(_state, order);
        t.Priority = Permute(_priority, order);
        t.Reason = Permute(_reason, order);
        t.EnteredBy = Permute(_enteredBy, order);
        t.EntryReason = Permute(_entryReason, order);
        t.ExpiresMinute = Permute(_expires, order);
        t.EnteredMinute = Permute(_entered, order);
        (t.TextStart, t.Text) = PermuteText(starts, text, order);

        // Fuzzy: the same entries keyed by confusion class.
        var fuzzyKeys = new List<ulong>(n);
        var fuzzyEntries = new List<int>(n);
        var patterns = new PatternBuckets();
        for (int i = 0; i < n; i++)
        {
            if (t.Key[i] != 0)
            {
                fuzzyKeys.Add(PlateKey.PackConfusable(EntryTable.Unpack(t.Key[i])));
                fuzzyEntries.Add(i);
            }
            else patterns.Add(_patterns[order[i]]!, i);
        }
        var fk = fuzzyKeys.ToArray();
        var fe = fuzzyEntries.ToArray();
        Array.Sort(fk, fe);
        return (t, fk, fe, patterns);
    }

    private static T[] Permute<T>(IReadOnlyList<T> source, int[] order)
    {
        var result = new T[order.Length];
        for (int i = 0; i < order.Length; i++) result[i] = source[order[i]];
        return result;
    }

    private static (int[] Starts, byte[] Text) PermuteText(int[] starts, byte[] text, int[] order)
    {
        var newStarts = new int[order.Length + 1];
        var newText = new byte[text.Length];
        int pos = 0;
        for (int i = 0; i < order.Length; i++)
        {
            int s = starts[order[i]], e = order[i] + 1 < starts.Length ? starts[order[i] + 1] : text.Length;
            newStarts[i] = pos;
            Buffer.BlockCopy(text, s, newText, pos, e - s);
            pos += e - s;
        }
        newStarts[order.Length] = pos;
        return (newStarts, newText);
    }
}
