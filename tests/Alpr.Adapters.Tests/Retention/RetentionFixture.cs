using Alpr.Core.Cameras;
using Alpr.Core.Reads;
using Alpr.Core.Retention;
using Alpr.Cosmos;
using Alpr.Retention;
using Alpr.Storage;
using Alpr.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Alpr.Adapters.Tests.Retention;

/// <summary>A fresh database, real Azurite blobs, a fake clock at noon Pacific on 2026-11-23, and the purge wired to them.</summary>
public sealed class RetentionFixture
{
    public static readonly DateOnly Today = new(2026, 11, 23);
    public static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById(RetentionPresets.PacificTime);

    public required CosmosDatabase Db { get; init; }
    public required StorageClients Storage { get; init; }
    public required FakeTimeProvider Time { get; init; }
    public required RetentionOptions Options { get; init; }
    public PurgeHooks Hooks { get; } = new();
    public string Camera { get; } = "cam" + Guid.NewGuid().ToString("N")[..10];

    public CosmosReadStore Reads => new(Db);
    public CosmosHoldIndex HoldIndex => new(Db);
    public CosmosPurgeRecords Records => new(Db);
    public PurgeExecutor Purge => new(Db, Storage, HoldIndex, Records, Microsoft.Extensions.Options.Options.Create(Options), Time, Hooks);

    public static async Task<RetentionFixture> CreateAsync(RetentionPolicy policy)
    {
        var servers = await LocalServices.GetAsync();
        var storage = new StorageClients(new StorageOptions { ConnectionString = servers.Azurite.ConnectionString, RequireHttps = false });
        await storage.EnsureCreatedAsync(["evidence"]);
        return new RetentionFixture
        {
            Db = await LocalCosmos.NewDatabaseAsync(), Storage = storage,
            Time = new FakeTimeProvider(RetentionClock.StartOfDay(Today, Pacific).AddHours(12)),
            Options = new RetentionOptions { Policy = policy.Name, BatchSize = 7, BlobConcurrency = 3, DocumentConcurrency = 2 },
        };
    }

    /// <summary>A read captured at noon Pacific <paramref name="ageDays"/> local days ago, with its image and crop in Blob.</summary>
    public async Task<PlateRead> SeedAsync(int ageDays, CameraKind kind = CameraKind.Fixed)
    {
        var captured = RetentionClock.StartOfDay(Today.AddDays(-ageDays), Pacific).AddHours(12);
        var day = DateOnly.FromDateTime(captured.UtcDateTime);
        string captureId = Guid.NewGuid().ToString("N");
        string name = $"{Camera}/{day:yyyy}/{day:MM}/{day:dd}/{captureId}.jpg";
        var read = new PlateRead
        {
            Id = PlateRead.MakeId(captureId, 0), CaptureId = captureId, CameraId = Camera, CameraKind = kind, CapturedAt = captured,
            ProcessedAt = captured, Plate = "7ABC123", Confidence = 0.9, Engine = "test", ImageBlob = "captures/" + name, CropBlob = "crops/" + name,
        };
        await Storage.Container("captures").GetBlobClient(name).UploadAsync(new BinaryData(new byte[] { 1, 2, 3, (byte)ageDays }), overwrite: true);
        await Storage.Container("crops").GetBlobClient(name).UploadAsync(new BinaryData(new byte[] { 9, (byte)ageDays }), overwrite: true);
        await Reads.UpsertAsync(read);
        return read;
    }

    public async Task<bool> ReadExistsAsync(PlateRead r) =>
        (await new DocumentStore(Db.Container(CosmosContainers.Reads), CosmosReadStore.DocType).ReadAsync<PlateRead>(r.Id, CosmosReadStore.PartitionFor(r))) is not null;

    public async Task<bool> BlobExistsAsync(string containerAndName)
    {
        int slash = containerAndName.IndexOf('/');
        return await Storage.Container(containerAndName[..slash]).GetBlobClient(containerAndName[(slash + 1)..]).ExistsAsync();
    }

    public async Task<bool> FullyPresentAsync(PlateRead r) => await ReadExistsAsync(r) && await BlobExistsAsync(r.ImageBlob) && await BlobExistsAsync(r.CropBlob!);
    public async Task<bool> FullyGoneAsync(PlateRead r) => !await ReadExistsAsync(r) && !await BlobExistsAsync(r.ImageBlob) && !await BlobExistsAsync(r.CropBlob!);
}
