using Alpr.Storage;
using Alpr.Testing;

namespace Alpr.Adapters.Tests.Storage;

public class BlobCaptureStoreTests
{
    private static async Task<(StorageClients, BlobCaptureStore)> SetUpAsync()
    {
        var servers = await LocalServices.GetAsync();
        string suffix = Guid.NewGuid().ToString("N")[..10];
        var clients = new StorageClients(new StorageOptions
        {
            ConnectionString = servers.Azurite.ConnectionString, RequireHttps = false,
            CapturesContainer = "cap" + suffix, CropsContainer = "crop" + suffix, QuarantineContainer = "q" + suffix, PendingCaptureQueue = "p" + suffix,
        });
        await clients.EnsureCreatedAsync();
        return (clients, new BlobCaptureStore(clients, new BlobSasIssuer(clients, TimeProvider.System)));
    }

    [Fact]
    public async Task Quarantine_moves_the_blob_with_its_reason_and_is_repeatable()
    {
        var (clients, store) = await SetUpAsync();
        var source = clients.Container(clients.Options.CapturesContainer).GetBlobClient("cam/2026/11/23/bad.jpg");
        await source.UploadAsync(new BinaryData("not an image"u8.ToArray()), new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = new Dictionary<string, string> { ["capturedat"] = "x" } });

        await store.QuarantineAsync("cam/2026/11/23/bad.jpg", "not-an-image");
        await store.QuarantineAsync("cam/2026/11/23/bad.jpg", "not-an-image"); // replay: already moved, no error

        Assert.False(await source.ExistsAsync());
        var moved = await clients.Container(clients.Options.QuarantineContainer).GetBlobClient("cam/2026/11/23/bad.jpg").GetPropertiesAsync();
        Assert.Equal("not-an-image", moved.Value.Metadata["quarantinereason"]);
        Assert.Equal("x", moved.Value.Metadata["capturedat"]);
    }

    [Fact]
    public async Task Oversized_capture_is_reported_by_length_without_downloading_it()
    {
        var (clients, store) = await SetUpAsync();
        var blob = clients.Container(clients.Options.CapturesContainer).GetBlobClient("cam/2026/11/23/big.jpg");
        await blob.UploadAsync(new BinaryData(new byte[5000]));
        var content = await store.GetCaptureAsync("cam/2026/11/23/big.jpg", maxBytes: 1000);
        Assert.NotNull(content);
        Assert.Equal(5000, content!.Length);
        Assert.True(content.Data.Length <= 1000);
        Assert.Null(await store.GetCaptureAsync("cam/2026/11/23/none.jpg", 1000));
    }

    [Fact]
    public async Task Pending_capture_queue_round_trips_and_postpones()
    {
        var (clients, _) = await SetUpAsync();
        var queue = new PendingCaptureQueue(clients);
        await queue.EnqueueAsync(new PendingCapture("cam/2026/11/23/a.jpg", DateTimeOffset.UtcNow.AddMinutes(5)), TimeSpan.Zero);
        var got = await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30));
        Assert.Single(got);
        Assert.Equal("cam/2026/11/23/a.jpg", got[0].Capture.BlobName);
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30))); // leased
        await queue.CompleteAsync(got[0]);
    }
}
