using System.Text.Json;
using Alpr.Core.Cameras;
using Alpr.Core.Events;
using Alpr.Core.Hotlists;
using Alpr.Core.Plates;
using Alpr.Cosmos;
using Alpr.LocalServers;
using Alpr.Testing;

namespace Alpr.Functions.Tests.EndToEnd;

/// <summary>
/// The whole flow on real local servers: a camera asks for upload URLs and PUTs real photographs from
/// ../shared/datasets/openalpr-benchmarks/endtoend/us whose plates are on a test hotlist; the standalone
/// trigger loop recognises them with the real ONNX models; reads land in Cosmos and CloudEvents reach the
/// local Event Grid topic with the key header checked.
/// </summary>
public class PipelineEndToEndTests : IAsyncLifetime
{
    private const int ImageCount = 6;
    private AppFactory _app = null!;
    private readonly HttpClient _storage = new();

    public async Task InitializeAsync() =>
        _app = await AppFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["Standalone:Enabled"] = "true",
            ["Standalone:RunTimers"] = "false",
            ["Captures:NotifyPendingCaptures"] = "true",
        });

    public async Task DisposeAsync() { _storage.Dispose(); await _app.DisposeAsync(); }

    [Fact]
    public async Task Uploaded_photographs_become_reads_hits_and_events()
    {
        // Spread over the set (every 15th image) rather than its first few files.
        var images = TestData.Labelled(TestData.EndToEndUs).Where((_, i) => i % 15 == 3).Take(ImageCount).ToList();
        Assert.Equal(ImageCount, images.Count);

        // The test hotlist holds the labelled plates of the images.
        var list = new Hotlist { Id = "e2e-" + _app.Suffix, Name = "E2E stolen vehicles", Source = HotlistSource.Svs, RefreshedAt = DateTimeOffset.UtcNow.AddMinutes(-30) };
        await _app.Get<CosmosHotlistStore>().ReplaceListAsync(list, images.Select((img, i) => new HotlistEntry
        {
            Id = $"e{i}", ListId = list.Id, Plate = PlateText.Normalize(img.Plate), Reason = "stolen vehicle", Priority = 1,
            EnteredBy = "test", EnteredAt = DateTimeOffset.UtcNow, ReferenceNumber = $"V{i}",
        }).ToList());
        await _app.Get<Alpr.Functions.Hotlists.HotlistIndexLoader>().RefreshAsync(force: true);

        string key = await _app.AddCameraAsync("e2e-unit", CameraKind.Mobile);
        var camera = new CameraSimulator(_app.CreateClient(), _storage, "e2e-unit", key);
        var capturedAt = DateTimeOffset.UtcNow.AddHours(-3); // a backlog upload keeps its capture time
        var tickets = new List<UploadTicket>();
        foreach (var img in images)
            tickets.Add(await camera.UploadAsync(await File.ReadAllBytesAsync(img.Path), capturedAt, 33.8, -116.5, 90));

        var topic = _app.Servers.EventGrid;
        var captureIds = tickets.Select(t => t.CaptureId).ToHashSet();
        bool done = await topic.WaitForAsync(events => captureIds.All(id => events.Any(e => DataString(e, "captureId") == id)), TimeSpan.FromSeconds(120));
        Assert.True(done, "not every capture produced a PlateRead event in time");

        // Reads in Cosmos keep the camera's capture time, location and links.
        var readStore = _app.Get<CosmosReadStore>();
        int exact = 0;
        foreach (var (ticket, img) in tickets.Zip(images))
        {
            var reads = await readStore.GetByCaptureAsync(ticket.CaptureId, DateOnly.FromDateTime(DateTime.UtcNow));
            var read = Assert.Single(reads.Where(r => r.Plate.Length > 0).Take(1));
            Assert.Equal(capturedAt.ToUnixTimeSeconds(), read.CapturedAt.ToUnixTimeSeconds());
            Assert.Equal(CameraKind.Mobile, read.CameraKind);
            Assert.Equal(33.8, read.Location!.Latitude);
            Assert.Equal(ticket.BlobName, read.ImageBlob);
            Assert.NotNull(read.CropBlob);
            Assert.True(await _app.Storage.Container("crops").GetBlobClient(read.CropBlob!["crops/".Length..]).ExistsAsync());
            if (reads.Any(r => r.Plate == PlateText.Normalize(img.Plate))) exact++;
        }
        Assert.True(exact >= 1, "no plate was read exactly");

        // Events: CloudEvents 1.0 with the operator's verification material on hits.
        Assert.Equal(0, topic.RejectedRequests);
        var hits = topic.OfType(AlprEventTypes.HotlistHit).Where(e => captureIds.Contains(e.GetProperty("data").GetProperty("read").GetProperty("captureId").GetString()!)).ToList();
        // Every exactly-read plate is on the hotlist, so each gives exactly one (exact) hit.
        Assert.Equal(exact, hits.Count(h => h.GetProperty("data").GetProperty("matchKind").GetString() == "exact"));
        var hit = hits[0];
        Assert.Equal("1.0", hit.GetProperty("specversion").GetString());
        Assert.Equal("/alpr", hit.GetProperty("source").GetString());
        var data = hit.GetProperty("data");
        Assert.Equal(list.Id, data.GetProperty("listId").GetString());
        Assert.Equal("SVS", data.GetProperty("listSource").GetString());
        Assert.Equal("stolen vehicle", data.GetProperty("entryReason").GetString());
        Assert.Equal("unverified", data.GetProperty("status").GetString());
        Assert.InRange(data.GetProperty("listAgeMinutes").GetDouble(), 29, 40);
        Assert.Equal("e2e-unit", data.GetProperty("read").GetProperty("cameraId").GetString());

        // The image link in the event is a working, read-only, short-lived URL.
        var imageUrl = new Uri(data.GetProperty("read").GetProperty("imageUrl").GetString()!);
        Assert.Contains("sp=r", imageUrl.Query);
        var bytes = await _storage.GetByteArrayAsync(imageUrl);
        Assert.True(bytes.Length > 1000);
    }

    [Fact]
    public async Task Replaying_a_capture_changes_nothing_and_republishes_the_same_event_ids()
    {
        var image = TestData.Labelled(TestData.EndToEndUs).First(i => i.Path.Contains("car1"));
        string key = await _app.AddCameraAsync("replay-cam");
        var camera = new CameraSimulator(_app.CreateClient(), _storage, "replay-cam", key);
        var ticket = await camera.UploadAsync(await File.ReadAllBytesAsync(image.Path), DateTimeOffset.UtcNow.AddMinutes(-1));
        var topic = _app.Servers.EventGrid;
        Assert.True(await topic.WaitForAsync(ev => ev.Any(e => DataString(e, "captureId") == ticket.CaptureId), TimeSpan.FromSeconds(60)));

        var function = _app.Get<Alpr.Functions.Captures.ProcessCaptureFunction>();
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        var before = await _app.Get<CosmosReadStore>().GetByCaptureAsync(ticket.CaptureId, day);
        var idsBefore = topic.Events.Where(e => DataString(e, "captureId") == ticket.CaptureId).Select(e => e.GetProperty("id").GetString()).ToHashSet();

        var outcome = await function.RunAsync(ticket.BlobName["captures/".Length..], CancellationToken.None);

        Assert.Equal(Alpr.Core.Pipeline.CaptureOutcomeKind.Processed, outcome.Kind);
        var after = await _app.Get<CosmosReadStore>().GetByCaptureAsync(ticket.CaptureId, day);
        Assert.Equal(before.Select(r => (r.Id, r.Plate)).Order(), after.Select(r => (r.Id, r.Plate)).Order());
        var idsAfter = topic.Events.Where(e => DataString(e, "captureId") == ticket.CaptureId).Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(idsBefore.Count * 2, idsAfter.Count); // delivered again (at least once) ...
        Assert.Equal(idsBefore, idsAfter.ToHashSet());      // ... under the same ids, so subscribers de-duplicate
    }

    private static string? DataString(JsonElement e, string name) =>
        e.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty(name, out var v) ? v.GetString() : null;
}
