using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Alpr.Core.Audit;

/// <summary>
/// The audit log is a hash chain per UTC day: each entry carries its position, the previous entry's hash and
/// its own SHA-256 over its content and that previous hash. Editing an entry breaks its hash; deleting one
/// leaves a gap in the positions and a broken link. The first entry of a day links to a fixed genesis value.
/// </summary>
public static class AuditChain
{
    public static string Genesis(string day) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("alpr-audit-genesis:" + day)));

    public static string DayOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The entry sealed at position <paramref name="seq"/> after <paramref name="prevHash"/>.</summary>
    public static AuditEntry Seal(AuditEntry entry, long seq, string prevHash)
    {
        var linked = entry with { ChainDay = DayOf(entry.At), Seq = seq, PrevHash = prevHash, Hash = null };
        return linked with { Hash = HashOf(linked) };
    }

    /// <summary>SHA-256 over a canonical serialisation of every field except the hash itself.</summary>
    public static string HashOf(AuditEntry e)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            e.Id, e.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), e.ActorType, e.ActorId, e.ActorRole, e.Action, e.Outcome.ToString(),
            e.Target, e.Reason, e.CaseNumber, e.Query, e.ResultCount, e.ClientAddress, e.Detail, e.Flags, e.ChainDay, e.Seq, e.PrevHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The first problem in one day's chain (entries in any order), or null when it is intact.</summary>
    public static ChainBreak? Verify(string day, IEnumerable<AuditEntry> entries)
    {
        string expectedPrev = Genesis(day);
        long expectedSeq = 1;
        foreach (var e in entries.OrderBy(e => e.Seq))
        {
            if (e.Seq != expectedSeq)
                return new ChainBreak(day, expectedSeq, e.Id, e.Seq > expectedSeq ? $"entry {expectedSeq} is missing (deleted?)" : $"position {e.Seq} appears twice");
            if (e.PrevHash != expectedPrev)
                return new ChainBreak(day, e.Seq, e.Id, "does not link to the entry before it");
            if (e.Hash != HashOf(e))
                return new ChainBreak(day, e.Seq, e.Id, "content does not match its hash (edited?)");
            expectedPrev = e.Hash!;
            expectedSeq++;
        }
        return null;
    }
}

/// <summary>Where a chain is broken: the day, the position, the entry found there, and what is wrong.</summary>
public sealed record ChainBreak(string Day, long Seq, string EntryId, string Problem)
{
    public override string ToString() => $"{Day} #{Seq} (entry {EntryId}): {Problem}";
}
