using Alpr.Core.Cameras;
using Alpr.Core.Reads;
using Alpr.Cosmos;
using Alpr.Testing;

namespace Alpr.Adapters.Tests.Cosmos;

/// <summary>Against the local Cosmos server: records round-trip, ETags guard replaces, creates never overwrite.</summary>
public class DocumentStoreTests
{
    private static PlateRead Read(string id, string plate) => new()
    {
        Id = id, CaptureId = id, CameraId = "cam1", CameraKind = CameraKind.Mobile,
        CapturedAt = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), ProcessedAt = DateTimeOffset.UtcNow,
        Location = new GeoPoint(33.8, -116.5, 90), Plate = plate, Confidence = 0.93,
        Candidates = [new PlateCandidate(plate, 0.93), new PlateCandidate("X" + plate, 0.4)],
        Engine = "test", ImageBlob = $"captures/cam1/2026/11/23/{id}.jpg",
    };

    [Fact]
    public async Task Read_round_trips_with_every_field()
    {
        using var db = await LocalCosmos.NewDatabaseAsync();
        var store = new CosmosReadStore(db);
        var read = Read("c1-0", "7ABC123");
        await store.UpsertAsync(read);
        await store.UpsertAsync(read); // idempotent

        var got = await store.GetByCaptureAsync("c1-0", new DateOnly(2026, 11, 23));
        var single = Assert.Single(got);
        Assert.Equal(read.Plate, single.Plate);
        Assert.Equal(read.CapturedAt, single.CapturedAt);
        Assert.Equal(CameraKind.Mobile, single.CameraKind);
        Assert.Equal(read.Location, single.Location);
        Assert.Equal(read.Candidates, single.Candidates);
        Assert.Equal(1, await store.CountAsync());
    }

    [Fact]
    public async Task Partition_filter_is_applied_even_where_the_server_ignores_the_option()
    {
        using var db = await LocalCosmos.NewDatabaseAsync();
        var store = new CosmosReadStore(db);
        await store.UpsertAsync(Read("same", "AAA111"));
        await store.UpsertAsync(Read("same", "AAA111") with { Id = "same-other", ImageBlob = "captures/cam1/2026/11/22/same.jpg" });
        Assert.Single(await store.GetByCaptureAsync("same", new DateOnly(2026, 11, 23)));
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_fails_and_create_does_not_overwrite()
    {
        using var db = await LocalCosmos.NewDatabaseAsync();
        var docs = new DocumentStore(db.Container(CosmosContainers.Cameras), "camera");
        var cam = new Camera { Id = "cam9", Name = "Pole 9", Kind = CameraKind.Fixed, KeyHash = CameraKeys.Hash("k") };
        Assert.True(await docs.CreateIfAbsentAsync(cam, cam.Id, cam.Id));
        Assert.False(await docs.CreateIfAbsentAsync(cam with { Name = "other" }, cam.Id, cam.Id));

        var v1 = (await docs.ReadAsync<Camera>(cam.Id, cam.Id))!;
        Assert.Equal("Pole 9", v1.Value.Name);
        Assert.True(await docs.ReplaceAsync(cam with { Enabled = false }, cam.Id, cam.Id, v1.ETag));
        Assert.False(await docs.ReplaceAsync(cam with { Name = "lost update" }, cam.Id, cam.Id, v1.ETag));
        Assert.False((await docs.ReadAsync<Camera>(cam.Id, cam.Id))!.Value.Enabled);

        Assert.True(await docs.DeleteAsync(cam.Id, cam.Id));
        Assert.False(await docs.DeleteAsync(cam.Id, cam.Id));
    }
}
