using System.Net;
using Alpr.Core.Audit;
using Alpr.Core.Cameras;
using Alpr.Cosmos;
using Alpr.LocalServers;
using Microsoft.Azure.Cosmos;

namespace Alpr.Functions.Tests.Captures;

public class CaptureApiTests : IAsyncLifetime
{
    private AppFactory _app = null!;
    private readonly HttpClient _storage = new();
    public async Task InitializeAsync() => _app = await AppFactory.CreateAsync();
    public async Task DisposeAsync() { _storage.Dispose(); await _app.DisposeAsync(); }

    private CameraSimulator Camera(string id, string key) => new(_app.CreateClient(), _storage, id, key);

    private async Task<IReadOnlyList<AuditEntry>> RefusalsAsync(string cameraId) =>
        await _app.Get<CosmosAuditLog>().Documents.QueryAsync<AuditEntry>(
            new QueryDefinition("SELECT * FROM c WHERE c.actorId = @id AND c.outcome = 'refused'").WithParameter("@id", cameraId));

    [Fact]
    public async Task Registered_camera_gets_a_url_for_exactly_its_blob_with_the_headers_to_send()
    {
        string key = await _app.AddCameraAsync("pole-7", CameraKind.Fixed);
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var ticket = await Camera("pole-7", key).RequestUploadAsync(at, 33.83, -116.54, 270);

        var today = DateTime.UtcNow;
        Assert.Matches($"^captures/pole-7/{today:yyyy}/{today:MM}/{today:dd}/[0-9a-f]{{32}}\\.jpg$", ticket.BlobName);
        Assert.EndsWith(ticket.BlobName, Uri.UnescapeDataString(ticket.UploadUrl.AbsolutePath));
        var q = System.Web.HttpUtility.ParseQueryString(ticket.UploadUrl.Query);
        Assert.Equal("cw", q["sp"]);
        Assert.Equal("b", q["sr"]);
        var expiry = DateTimeOffset.Parse(q["se"]!);
        Assert.InRange(expiry - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
        Assert.Equal("PUT", ticket.Method);
        Assert.Equal("*", ticket.Headers["If-None-Match"]);
        Assert.Equal("fixed", ticket.Headers["x-ms-meta-cameratype"]);
        Assert.Equal(at.ToUniversalTime().ToString("O"), ticket.Headers["x-ms-meta-capturedat"]);
        Assert.Equal("270", ticket.Headers["x-ms-meta-heading"]);
    }

    [Fact]
    public async Task Unknown_camera_is_401_and_audited()
    {
        var resp = await Camera("ghost-1", "whatever").RequestUploadRawAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, resp.StatusCode);
        var entry = Assert.Single(await RefusalsAsync("ghost-1"));
        Assert.Equal("camera", entry.ActorType);
        Assert.Equal("capture.upload-url", entry.Action);
    }

    [Fact]
    public async Task Wrong_key_is_401_and_audited()
    {
        await _app.AddCameraAsync("pole-8");
        var resp = await Camera("pole-8", CameraKeys.NewKey()).RequestUploadRawAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, resp.StatusCode);
        Assert.Single(await RefusalsAsync("pole-8"));
    }

    [Fact]
    public async Task Disabled_camera_is_403_and_audited()
    {
        string key = await _app.AddCameraAsync("pole-9", enabled: false);
        var resp = await Camera("pole-9", key).RequestUploadRawAsync();
        Assert.Equal(HttpStatusCode.Forbidden, resp.StatusCode);
        Assert.Contains("disabled", Assert.Single(await RefusalsAsync("pole-9")).Detail);
    }

    [Fact]
    public async Task Missing_credentials_are_401_and_audited()
    {
        using var client = _app.CreateClient();
        var resp = await client.PostAsync("/api/captures", null);
        Assert.Equal(HttpStatusCode.Unauthorized, resp.StatusCode);
        Assert.NotEmpty(await RefusalsAsync("(none)"));
    }

    [Fact]
    public async Task Camera_can_upload_once_with_the_ticket_and_nothing_else()
    {
        string key = await _app.AddCameraAsync("unit-12", CameraKind.Mobile);
        var cam = Camera("unit-12", key);
        var ticket = await cam.RequestUploadAsync(DateTimeOffset.UtcNow.AddHours(-6));
        Assert.Equal(HttpStatusCode.Created, (await cam.PutAsync(ticket, [0xFF, 0xD8, 0xFF, 0xE0])).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await cam.PutAsync(ticket, [0xFF, 0xD8, 0xFF, 0xE1])).StatusCode);
        var props = await _app.Storage.Container("captures").GetBlobClient(ticket.BlobName["captures/".Length..]).GetPropertiesAsync();
        Assert.Equal("mobile", props.Value.Metadata["cameratype"]);
    }
}
