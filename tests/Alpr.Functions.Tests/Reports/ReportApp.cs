using System.Text.Json;
using Alpr.Core.Access;
using Alpr.Core.Cameras;
using Alpr.Core.Reads;
using Alpr.Core.Reports;
using Alpr.Core.Retention;
using Alpr.Cosmos;
using Alpr.Functions.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Alpr.Functions.Tests.Reports;

/// <summary>The app (palm-springs preset) under a fake clock that starts where the test says and only moves forward.</summary>
public sealed class ReportApp
{
    public required AppFactory Factory { get; init; }
    public required WebApplicationFactory<Program> App { get; init; }
    public required FakeTimeProvider Time { get; init; }
    public string Camera { get; } = "cam" + Guid.NewGuid().ToString("N")[..10];
    public static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById(RetentionPresets.PacificTime);

    public static async Task<ReportApp> CreateAsync(DateTimeOffset start, string? policy = "palm-springs")
    {
        // Its own reports container: Azurite is shared by every test class of the process.
        var factory = await AppFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["Retention:Policy"] = policy, ["Reports:Container"] = "reports-" + Guid.NewGuid().ToString("N")[..12],
        });
        var time = new FakeTimeProvider(start);
        var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(time)));
        app.CreateClient().Dispose();
        return new ReportApp { Factory = factory, App = app, Time = time };
    }

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public HttpClient ClientFor(AlprUser user)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Alpr.LocalServers.DevTokens.Issue(Factory.SigningKey, user.Id, user.Name, null));
        return client;
    }

    /// <summary>A read captured at <paramref name="capturedAt"/>, its image and crop in Blob, stored under its upload day (that day, UTC).</summary>
    public async Task<PlateRead> SeedReadAsync(DateTimeOffset capturedAt, string plate = "7ABC123", CameraKind kind = CameraKind.Fixed)
    {
        var day = DateOnly.FromDateTime(capturedAt.UtcDateTime);
        string captureId = Guid.NewGuid().ToString("N");
        string name = $"{Camera}/{day:yyyy}/{day:MM}/{day:dd}/{captureId}.jpg";
        var read = new PlateRead
        {
            Id = PlateRead.MakeId(captureId, 0), CaptureId = captureId, CameraId = Camera, CameraKind = kind, CapturedAt = capturedAt,
            ProcessedAt = capturedAt, Plate = plate, Confidence = 0.9, Engine = "test", ImageBlob = "captures/" + name, CropBlob = "crops/" + name,
        };
        var storage = Get<Alpr.Storage.StorageClients>();
        await storage.Container("captures").GetBlobClient(name).UploadAsync(new BinaryData("image " + captureId), overwrite: true);
        await storage.Container("crops").GetBlobClient(name).UploadAsync(new BinaryData("crop " + captureId), overwrite: true);
        await Get<CosmosReadStore>().UpsertAsync(read);
        return read;
    }

    /// <summary>Invokes the QuarterlyReports timer the way the Functions host does.</summary>
    public async Task<JsonElement> RunTimerAsync()
    {
        using var client = App.CreateClient();
        var payload = new
        {
            Data = new { timer = new { IsPastDue = false } },
            Metadata = new { sys = new { MethodName = "QuarterlyReports", UtcNow = Time.GetUtcNow(), RandGuid = Guid.NewGuid() } },
        };
        var resp = await client.PostAsync("/QuarterlyReports", new StringContent(JsonSerializer.Serialize(payload), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, resp.StatusCode);
        return JsonDocument.Parse(await resp.Content.ReadAsStringAsync()).RootElement.GetProperty("ReturnValue");
    }

    /// <summary>The quarter that has most recently ended by the real clock (tokens are checked against it, so the fake clock stays near).</summary>
    public static Quarter LastEndedQuarter => Quarter.LastEnded(DateTimeOffset.UtcNow, Pacific);
}
