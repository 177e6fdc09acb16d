using System.Collections.Concurrent;
using Alpr.Core.Audit;
using Microsoft.Azure.Cosmos;

namespace Alpr.Cosmos;

/// <summary>
/// The audit log in Cosmos, one partition (and one hash chain) per UTC day. Entries are create-only and their
/// id is their position, "{day}.{seq}", so two writers can never take the same position: the loser re-reads
/// the chain's end and seals again. Entries are never replaced or deleted by the application (retention: 2 years).
/// </summary>
public sealed class CosmosAuditLog(CosmosDatabase db) : IAuditLog
{
    public const string DocType = "audit";
    private readonly DocumentStore _store = new(db.Container(CosmosContainers.Audit), DocType);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();
    private readonly ConcurrentDictionary<string, (long Seq, string Hash)> _heads = new();

    public DocumentStore Documents => _store;

    public static string PartitionFor(DateTimeOffset at) => AuditChain.DayOf(at);

    public async Task AppendAsync(AuditEntry entry, CancellationToken ct = default)
    {
        string day = AuditChain.DayOf(entry.At);
        var gate = _locks.GetOrAdd(day, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var head = _heads.TryGetValue(day, out var h) ? h : await ReadHeadAsync(day, ct);
            for (int attempt = 0; attempt < 50; attempt++)
            {
                long seq = head.Seq + 1;
                var sealedEntry = AuditChain.Seal(entry with { Id = $"{day}.{seq:D9}" }, seq, head.Hash);
                if (await _store.CreateIfAbsentAsync(sealedEntry, sealedEntry.Id, day, ct))
                {
                    _heads[day] = (sealedEntry.Seq, sealedEntry.Hash!);
                    return;
                }
                head = await ReadHeadAsync(day, ct); // another instance appended first
            }
            throw new InvalidOperationException($"could not append to the audit chain of {day}");
        }
        finally { gate.Release(); }
    }

    private async Task<(long Seq, string Hash)> ReadHeadAsync(string day, CancellationToken ct)
    {
        // Once per day per process (then the head is cached): the highest position, then that entry's hash.
        var q = new QueryDefinition("SELECT c.seq FROM c WHERE c.pk = @pk AND c.docType = @t").WithParameter("@pk", day).WithParameter("@t", DocType);
        long last = 0;
        await foreach (var doc in _store.QueryDocumentsAsync(q, day, ct)) last = Math.Max(last, (long)doc["seq"]!);
        if (last == 0) return (0, AuditChain.Genesis(day));
        var entry = await _store.ReadAsync<AuditEntry>($"{day}.{last:D9}", day, ct)
            ?? throw new InvalidOperationException($"audit chain head {day}.{last} vanished");
        return (last, entry.Value.Hash!);
    }

    public Task<IReadOnlyList<AuditEntry>> ReadDayAsync(string day, CancellationToken ct = default) =>
        _store.QueryAsync<AuditEntry>(new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.docType = @t").WithParameter("@pk", day).WithParameter("@t", DocType), day, ct: ct);

    /// <summary>Verifies every day in [from, to]; returns the first break, or null.</summary>
    public async Task<(ChainBreak? Break, int Days, long Entries)> VerifyAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        int days = 0;
        long entries = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            string day = d.ToString("yyyy-MM-dd");
            var list = await ReadDayAsync(day, ct);
            days++;
            entries += list.Count;
            if (AuditChain.Verify(day, list) is { } broken) return (broken, days, entries);
        }
        return (null, days, entries);
    }
}
