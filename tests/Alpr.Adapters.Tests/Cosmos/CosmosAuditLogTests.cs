using System.Text.Json.Nodes;
using Alpr.Core.Audit;
using Alpr.Cosmos;
using Alpr.Testing;
using Microsoft.Azure.Cosmos;

namespace Alpr.Adapters.Tests.Cosmos;

/// <summary>The hash chain against the real local Cosmos server: appends from many writers, edits and deletions detected.</summary>
public class CosmosAuditLogTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static AuditEntry Entry(int i) => new()
    {
        Id = "x", At = Day.AddMinutes(i), ActorType = "user", ActorId = $"u{i % 3}", Action = "reads.search", Outcome = AuditOutcome.Allowed,
        Reason = "criminal-investigation", CaseNumber = $"26-{i:D5}", Query = $"plate=7ABC{i:D3}", ResultCount = i,
    };

    private static async Task<(CosmosDatabase Db, CosmosAuditLog Log)> FilledAsync(int count)
    {
        var db = await LocalCosmos.NewDatabaseAsync();
        var log = new CosmosAuditLog(db);
        // Concurrent writers (as from several requests) still form one unbroken chain.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) => await log.AppendAsync(Entry(i), ct));
        return (db, log);
    }

    [Fact]
    public async Task Appends_form_an_intact_chain_even_from_two_log_instances()
    {
        var (db, log) = await FilledAsync(20);
        var second = new CosmosAuditLog(db); // another app instance with a cold head cache
        await second.AppendAsync(Entry(99));
        await log.AppendAsync(Entry(100));
        var (broken, days, entries) = await log.VerifyAsync(DateOnly.FromDateTime(Day.UtcDateTime), DateOnly.FromDateTime(Day.UtcDateTime));
        Assert.Null(broken);
        Assert.Equal(1, days);
        Assert.Equal(22, entries);
        db.Dispose();
    }

    [Fact]
    public async Task An_edited_entry_is_named_as_the_first_broken_link()
    {
        var (db, log) = await FilledAsync(10);
        var container = db.Container(CosmosContainers.Audit);
        var doc = (await container.ReadItemAsync<JsonObject>("2026-11-23.000000004", new PartitionKey("2026-11-23"))).Resource;
        doc["caseNumber"] = "26-99999"; // someone changes what was searched for
        await container.ReplaceItemAsync(doc, "2026-11-23.000000004", new PartitionKey("2026-11-23"));

        var (broken, _, _) = await log.VerifyAsync(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 23));
        Assert.NotNull(broken);
        Assert.Equal(4, broken!.Seq);
        Assert.Contains("edited", broken.Problem);
        db.Dispose();
    }

    [Fact]
    public async Task A_deleted_entry_is_named_as_the_first_broken_link()
    {
        var (db, log) = await FilledAsync(10);
        await db.Container(CosmosContainers.Audit).DeleteItemAsync<JsonObject>("2026-11-23.000000007", new PartitionKey("2026-11-23"));
        var (broken, _, _) = await log.VerifyAsync(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 23));
        Assert.Equal(7, broken!.Seq);
        Assert.Contains("missing", broken.Problem);
        db.Dispose();
    }

    [Fact]
    public async Task Rewriting_the_tail_consistently_still_breaks_at_the_edit()
    {
        var (db, log) = await FilledAsync(5);
        var container = db.Container(CosmosContainers.Audit);
        // A forger edits the newest entry and recomputes its hash, so the day verifies on its own. The running
        // app still holds the hash it wrote and links the next entry to it: the forgery shows at #6.
        var entries = await log.ReadDayAsync("2026-11-23");
        var fifth = entries.Single(e => e.Seq == 5);
        var forged = AuditChain.Seal(fifth with { CaseNumber = "26-00000" }, 5, fifth.PrevHash!);
        var node = CosmosJson.ToDocument(forged, forged.Id, "2026-11-23", CosmosAuditLog.DocType);
        await container.ReplaceItemAsync(node, forged.Id, new PartitionKey("2026-11-23"));
        await log.AppendAsync(Entry(6)); // sealed by this instance onto the hash it last wrote
        var (broken, _, _) = await log.VerifyAsync(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 23));
        Assert.Equal(6, broken!.Seq);
        db.Dispose();
    }
}
