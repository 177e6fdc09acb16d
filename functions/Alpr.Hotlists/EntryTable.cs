using System.Text;
using Alpr.Core.Hotlists;

namespace Alpr.Hotlists;

/// <summary>
/// Every entry of an index as parallel arrays (struct of arrays): no object per entry, a few dozen bytes
/// each. Entries are turned back into <see cref="HotlistEntry"/> records only when they match.
/// </summary>
internal sealed class EntryTable
{
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public int Count;
    public ulong[] Key = [];          // packed plate, 0 for patterns
    public ushort[] List = [];
    public ushort[] State = [];        // two letters, 0 = none
    public byte[] Priority = [];
    public ushort[] Reason = [];
    public ushort[] EnteredBy = [];
    public ushort[] EntryReason = [];
    public int[] ExpiresMinute = [];   // minutes since 2000-01-01 UTC, 0 = never
    public int[] EnteredMinute = [];
    public int[] TextStart = [];       // UTF-8 "id \u001f reference \u001f pattern" per entry, Count + 1 offsets
    public byte[] Text = [];
    public string[] Strings = [];      // pooled reasons, people, list ids

    public static int ToMinute(DateTimeOffset? at) => at is { } t ? Math.Max(1, (int)Math.Min(int.MaxValue, (t - Epoch).TotalMinutes)) : 0;
    public static DateTimeOffset FromMinute(int m) => Epoch.AddMinutes(m);

    public static ushort PackState(string? state) =>
        state is { Length: 2 } s && char.IsAsciiLetterUpper(s[0]) && char.IsAsciiLetterUpper(s[1]) ? (ushort)((s[0] - 'A') * 26 + (s[1] - 'A') + 1) : (ushort)0;

    public static string? UnpackState(ushort v) => v == 0 ? null : new string([(char)('A' + (v - 1) / 26), (char)('A' + (v - 1) % 26)]);

    public bool IsLive(int i, int nowMinute) => ExpiresMinute[i] == 0 || ExpiresMinute[i] > nowMinute;

    public HotlistEntry Materialize(int i)
    {
        var parts = Encoding.UTF8.GetString(Text, TextStart[i], TextStart[i + 1] - TextStart[i]).Split('\u001f');
        return new HotlistEntry
        {
            Id = parts[0],
            ReferenceNumber = parts[1].Length == 0 ? null : parts[1],
            Plate = Key[i] != 0 ? Unpack(Key[i]) : parts[2],
            ListId = Strings[List[i]],
            State = UnpackState(State[i]),
            Priority = Priority[i],
            Reason = Strings[Reason[i]],
            EnteredBy = Strings[EnteredBy[i]],
            EntryReason = EntryReason[i] == 0 ? null : Strings[EntryReason[i]],
            ExpiresAt = ExpiresMinute[i] == 0 ? null : FromMinute(ExpiresMinute[i]),
            EnteredAt = FromMinute(EnteredMinute[i]),
        };
    }

    public static string Unpack(ulong key)
    {
        int length = (int)(key >> 60);
        var chars = new char[length];
        for (int k = 0; k < length; k++)
        {
            int code = (int)((key >> (6 * (PlateKey.MaxLength - 1 - k))) & 63);
            chars[k] = code <= 10 ? (char)('0' + code - 1) : (char)('A' + code - 11);
        }
        return new string(chars);
    }

    public long ApproximateBytes() =>
        Count * (8L + 2 + 2 + 1 + 2 + 2 + 2 + 4 + 4 + 4) + Text.Length + Strings.Sum(s => 24L + 2 * s.Length);
}
