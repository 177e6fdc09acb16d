using Alpr.Core.Cameras;
using Alpr.Core.Retention;
using Alpr.Cosmos;
using Alpr.Retention;

namespace Alpr.Adapters.Tests.Retention;

public class PurgeExecutorTests
{
    [Fact]
    public async Task One_year_policy_keeps_days_364_and_365_and_purges_366_and_367_reads_and_images()
    {
        var f = await RetentionFixture.CreateAsync(RetentionPresets.PalmSprings);
        var r364 = await f.SeedAsync(364); var r365 = await f.SeedAsync(365, CameraKind.Mobile);
        var r366 = await f.SeedAsync(366); var r367 = await f.SeedAsync(367, CameraKind.Mobile);

        var run = await f.Purge.RunAsync("test");

        Assert.Equal(PurgeRunStatus.Completed, run.Status);
        Assert.True(await f.FullyPresentAsync(r364));
        Assert.True(await f.FullyPresentAsync(r365));
        Assert.True(await f.FullyGoneAsync(r366));
        Assert.True(await f.FullyGoneAsync(r367));
        Assert.Equal(2, run.DeletedReads);
        Assert.Equal(4, run.DeletedBlobs);
        // Counts per source and agency-local capture day.
        Assert.Equal(1, run.DeletedBySourceAndDay[$"fixed/{RetentionFixture.Today.AddDays(-366):yyyy-MM-dd}"]);
        Assert.Equal(1, run.DeletedBySourceAndDay[$"mobile/{RetentionFixture.Today.AddDays(-367):yyyy-MM-dd}"]);
        // The record is stored, and carries no plate text.
        var stored = await f.Records.GetAsync(run.RunId, run.StartedAt, default);
        Assert.NotNull(stored);
        Assert.Equal(PurgeRunStatus.Completed, stored!.Status);
        Assert.DoesNotContain("7ABC123", System.Text.Json.JsonSerializer.Serialize(stored));
        Assert.Equal("palm-springs", stored.Policy);
    }

    [Fact]
    public async Task Thirty_day_fixed_rule_purges_day_31_only_and_mobile_reads_follow_the_year()
    {
        var f = await RetentionFixture.CreateAsync(RetentionPresets.SanLeandro);
        var r29 = await f.SeedAsync(29); var r30 = await f.SeedAsync(30); var r31 = await f.SeedAsync(31);
        var mobile31 = await f.SeedAsync(31, CameraKind.Mobile);

        await f.Purge.RunAsync("test");

        Assert.True(await f.FullyPresentAsync(r29));
        Assert.True(await f.FullyPresentAsync(r30));
        Assert.True(await f.FullyGoneAsync(r31));
        Assert.True(await f.FullyPresentAsync(mobile31));
    }

    [Fact]
    public async Task Held_read_past_retention_survives_and_is_purged_once_released()
    {
        var f = await RetentionFixture.CreateAsync(RetentionPresets.PalmSprings);
        var held = await f.SeedAsync(500); var free = await f.SeedAsync(500);
        var entry = new CosmosHoldIndex.HeldRead("hold-x", held.Id, CosmosReadStore.PartitionFor(held));
        await f.HoldIndex.AddAsync(entry, default);

        var run = await f.Purge.RunAsync("test");
        Assert.True(await f.FullyPresentAsync(held));
        Assert.True(await f.FullyGoneAsync(free));
        Assert.Equal(1, run.SkippedHeld);

        await f.HoldIndex.RemoveAsync(entry, default);
        await f.Purge.RunAsync("test");
        Assert.True(await f.FullyGoneAsync(held));
    }

    [Fact]
    public async Task The_marker_on_the_read_document_alone_also_protects_it()
    {
        var f = await RetentionFixture.CreateAsync(RetentionPresets.PalmSprings);
        var held = await f.SeedAsync(500);
        Assert.True(await new ReadHoldMarkers(f.Db).SetAsync(new(held.Id, CosmosReadStore.PartitionFor(held)), "hold-y", true, default));
        await f.Purge.RunAsync("test");
        Assert.True(await f.FullyPresentAsync(held));
    }

    [Fact]
    public async Task When_holds_cannot_be_checked_nothing_is_deleted()
    {
        var f = await RetentionFixture.CreateAsync(RetentionPresets.PalmSprings);
        var old = await f.SeedAsync(500);
        await f.Db.Container(CosmosContainers.Holds).DeleteContainerAsync(); // the hold index is unreachable

        var run = await f.Purge.RunAsync("test");

        Assert.Equal(PurgeRunStatus.Failed, run.Status);
        Assert.Equal(0, run.DeletedReads);
        Assert.True(await f.FullyPresentAsync(old));
        Assert.Contains(run.Errors, e => e.StartsWith("run:"));
    }

    [Fact]
    public async Task Crash_after_blob_delete_before_document_delete_recovers_on_the_next_run()
    {
        var f = await RetentionFixture.CreateAsync(RetentionPresets.PalmSprings);
        var reads = new List<Alpr.Core.Reads.PlateRead>();
        for (int i = 0; i < 10; i++) reads.Add(await f.SeedAsync(400 + i));
        var victim = reads[3];
        f.Hooks.AfterBlobsDeleted = (c, _) => c.ReadId == victim.Id ? throw new IOException("injected crash") : Task.CompletedTask;

        var first = await f.Purge.RunAsync("test");
        Assert.Equal(PurgeRunStatus.CompletedWithErrors, first.Status);
        Assert.Equal(1, first.Failed);
        Assert.Contains(first.Errors, e => e.StartsWith(victim.Id));
        Assert.True(await f.ReadExistsAsync(victim));             // document left as the to-do item
        Assert.False(await f.BlobExistsAsync(victim.ImageBlob));  // blobs already gone

        f.Hooks.AfterBlobsDeleted = null;
        var second = await f.Purge.RunAsync("test");
        Assert.Equal(PurgeRunStatus.Completed, second.Status);
        Assert.Equal(1, second.DeletedReads);
        Assert.Equal(0, second.DeletedBlobs);
        foreach (var r in reads) Assert.True(await f.FullyGoneAsync(r));
    }

    [Fact]
    public async Task A_cancelled_run_is_recorded_interrupted_and_the_next_run_finishes_the_work()
    {
        var f = await RetentionFixture.CreateAsync(RetentionPresets.PalmSprings);
        var reads = new List<Alpr.Core.Reads.PlateRead>();
        for (int i = 0; i < 20; i++) reads.Add(await f.SeedAsync(400 + i));
        using var cts = new CancellationTokenSource();
        int n = 0;
        f.Hooks.AfterBlobsDeleted = (_, _) => { if (Interlocked.Increment(ref n) == 9) cts.Cancel(); return Task.CompletedTask; };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => f.Purge.RunAsync("test", ct: cts.Token));
        var interrupted = (await f.Records.RecentAsync(5, default)).Single();
        Assert.Equal(PurgeRunStatus.Interrupted, interrupted.Status);
        int left = 0;
        foreach (var r in reads) if (await f.ReadExistsAsync(r)) left++;
        Assert.InRange(left, 1, 19);
        f.Hooks.AfterBlobsDeleted = null;

        var next = await f.Purge.RunAsync("test");

        Assert.Equal(PurgeRunStatus.Completed, next.Status);
        Assert.Equal(left, next.DeletedReads);
        foreach (var r in reads) Assert.True(await f.FullyGoneAsync(r));
    }

    [Fact]
    public async Task A_run_whose_process_died_is_marked_interrupted_once_its_lease_expires()
    {
        var f = await RetentionFixture.CreateAsync(RetentionPresets.PalmSprings);
        var old = await f.SeedAsync(400);
        // What a killed process leaves behind: a "running" record and an unexpired lease.
        var now = f.Time.GetUtcNow();
        var dead = new PurgeRecord { RunId = "purge-dead", Trigger = "timer", Policy = "palm-springs", PolicyCitation = "", Cutoffs = new(), StartedAt = now, Status = PurgeRunStatus.Running };
        await f.Records.SaveAsync(dead, default);
        Assert.True(await f.Records.TryLeaseAsync(dead.RunId, now, f.Options.LeaseDuration, default));
        await Assert.ThrowsAsync<PurgeExecutor.LeaseHeldException>(() => f.Purge.RunAsync("test"));

        f.Time.Advance(f.Options.LeaseDuration + TimeSpan.FromMinutes(1));
        var next = await f.Purge.RunAsync("test");

        Assert.Equal(["purge-dead"], next.Resumed);
        Assert.Equal(PurgeRunStatus.Interrupted, (await f.Records.GetAsync("purge-dead", now, default))!.Status);
        Assert.True(await f.FullyGoneAsync(old));
    }

    [Fact]
    public async Task Purging_twice_equals_purging_once()
    {
        var f = await RetentionFixture.CreateAsync(RetentionPresets.PalmSprings);
        var old = new[] { await f.SeedAsync(370), await f.SeedAsync(380) };
        var young = await f.SeedAsync(100);

        var once = await f.Purge.RunAsync("test");
        var twice = await f.Purge.RunAsync("test");

        Assert.Equal(2, once.DeletedReads);
        Assert.Equal(0, twice.DeletedReads);
        Assert.Equal(0, twice.DeletedBlobs);
        Assert.Equal(PurgeRunStatus.Completed, twice.Status);
        foreach (var r in old) Assert.True(await f.FullyGoneAsync(r));
        Assert.True(await f.FullyPresentAsync(young));
    }

    [Fact]
    public async Task A_second_run_is_refused_while_the_first_holds_the_lease()
    {
        var f = await RetentionFixture.CreateAsync(RetentionPresets.PalmSprings);
        Assert.True(await f.Records.TryLeaseAsync("other-run", f.Time.GetUtcNow(), TimeSpan.FromMinutes(10), default));
        await Assert.ThrowsAsync<PurgeExecutor.LeaseHeldException>(() => f.Purge.RunAsync("test"));
    }

    [Fact]
    public async Task Without_a_configured_policy_the_purge_refuses()
    {
        var f = await RetentionFixture.CreateAsync(RetentionPresets.PalmSprings);
        f.Options.Policy = "nowhere";
        await Assert.ThrowsAsync<InvalidOperationException>(() => f.Purge.RunAsync("test"));
    }

    [Fact]
    public async Task A_released_holds_purge_takes_only_its_expired_unheld_reads_even_while_a_daily_run_holds_the_lease()
    {
        var f = await RetentionFixture.CreateAsync(RetentionPresets.PalmSprings);
        var expired = await f.SeedAsync(400); var young = await f.SeedAsync(10);
        var heldElsewhere = await f.SeedAsync(400); var notListed = await f.SeedAsync(400);
        await f.HoldIndex.AddAsync(new CosmosHoldIndex.HeldRead("hold-other", heldElsewhere.Id, CosmosReadStore.PartitionFor(heldElsewhere)), default);
        Assert.True(await f.Records.TryLeaseAsync("daily-run", f.Time.GetUtcNow(), TimeSpan.FromMinutes(10), default));

        var run = await f.Purge.PurgeReadsAsync("hold-x", [.. new[] { expired, young, heldElsewhere }.Select(r => new Alpr.Core.Retention.Holds.HeldReadRef(r.Id, CosmosReadStore.PartitionFor(r)))]);

        Assert.Equal(PurgeRunStatus.Completed, run.Status);
        Assert.Equal("hold-release:hold-x", run.Trigger);
        Assert.Equal(1, run.DeletedReads);
        Assert.Equal(1, run.SkippedHeld);
        Assert.True(await f.FullyGoneAsync(expired));
        Assert.True(await f.FullyPresentAsync(young));
        Assert.True(await f.FullyPresentAsync(heldElsewhere));
        Assert.True(await f.FullyPresentAsync(notListed)); // past retention, but not this hold's: the daily purge's job
    }

    [Fact]
    public async Task A_daily_run_leaves_a_live_hold_release_run_alone_and_marks_a_dead_one_interrupted()
    {
        var f = await RetentionFixture.CreateAsync(RetentionPresets.PalmSprings);
        var now = f.Time.GetUtcNow();
        PurgeRecord Running(string id, DateTimeOffset at) => new()
        {
            RunId = id, Trigger = PurgeExecutor.HoldReleaseTrigger + id, Policy = "palm-springs", PolicyCitation = "", Cutoffs = new(), StartedAt = at, Status = PurgeRunStatus.Running,
        };
        await f.Records.SaveAsync(Running("live", now.AddMinutes(-1)), default);
        await f.Records.SaveAsync(Running("dead", now.AddHours(-2)), default);

        var run = await f.Purge.RunAsync("test");

        Assert.Equal(["dead"], run.Resumed);
        Assert.Equal(PurgeRunStatus.Running, (await f.Records.GetAsync("live", now.AddMinutes(-1), default))!.Status);
        Assert.Equal(PurgeRunStatus.Interrupted, (await f.Records.GetAsync("dead", now.AddHours(-2), default))!.Status);
    }
}
