using System.Net;
using System.Net.Http.Json;
using Alpr.Core.Cameras;
using Alpr.Cosmos;
using Alpr.LocalServers;

namespace Alpr.Functions.Tests.Captures;

/// <summary>
/// Bad uploads are quarantined with a reason and counted, never dropped: each is uploaded the way a camera
/// would, then the blob trigger is invoked with the Functions host's payload shape.
/// </summary>
public class BadUploadTests : IAsyncLifetime
{
    /// <summary>The Functions host sends PascalCase "Data"/"Metadata" and keys as they are.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions HostJson = new();
    private AppFactory _app = null!;
    private readonly HttpClient _storage = new();
    private CameraSimulator _camera = null!;

    public async Task InitializeAsync()
    {
        _app = await AppFactory.CreateAsync(new Dictionary<string, string?> { ["Pipeline:MaxImageBytes"] = "4096", ["Recognition:MaxImageBytes"] = "4096" });
        string key = await _app.AddCameraAsync("cam-bad", CameraKind.Mobile);
        _camera = new CameraSimulator(_app.CreateClient(), _storage, "cam-bad", key);
    }

    public async Task DisposeAsync() { _storage.Dispose(); await _app.DisposeAsync(); }

    private async Task<(HttpStatusCode Status, string Body)> InvokeBlobTriggerAsync(string blobName)
    {
        using var client = _app.CreateClient();
        var blobUri = _app.Storage.Container("captures").GetBlobClient(blobName).Uri.ToString();
        var payload = new
        {
            Data = new { blob = Convert.ToBase64String([1, 2, 3]) },
            Metadata = new
            {
                Uri = blobUri,
                Properties = new { ContentLength = 3 },
                Metadata = new { },
                sys = new { MethodName = "ProcessCapture", UtcNow = DateTimeOffset.UtcNow, RandGuid = Guid.NewGuid() },
            },
        };
        using var req = new HttpRequestMessage(HttpMethod.Post, "/ProcessCapture") { Content = JsonContent.Create(payload, options: HostJson) };
        req.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        var resp = await client.SendAsync(req);
        return (resp.StatusCode, await resp.Content.ReadAsStringAsync());
    }

    private async Task AssertQuarantinedAsync(UploadTicket ticket, string reason)
    {
        string blobName = ticket.BlobName["captures/".Length..];
        var (status, body) = await InvokeBlobTriggerAsync(blobName);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Quarantined", body);

        var record = Assert.Single((await _app.Get<CosmosQuarantineLog>().ListAsync()).Where(r => r.Id == ticket.CaptureId));
        Assert.Equal(reason, record.Reason);
        Assert.Equal("cam-bad", record.CameraId);
        Assert.False(await _app.Storage.Container("captures").GetBlobClient(blobName).ExistsAsync());
        var moved = await _app.Storage.Container("quarantine").GetBlobClient(blobName).GetPropertiesAsync();
        Assert.Equal(reason, moved.Value.Metadata["quarantinereason"]);

        // Replaying the trigger finds nothing left to do and changes nothing.
        var (again, _) = await InvokeBlobTriggerAsync(blobName);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Single((await _app.Get<CosmosQuarantineLog>().ListAsync()).Where(r => r.Id == ticket.CaptureId));
    }

    [Fact]
    public async Task Zero_byte_upload_is_quarantined_as_empty() =>
        await AssertQuarantinedAsync(await _camera.UploadAsync([]), "empty");

    [Fact]
    public async Task Text_file_is_quarantined_as_not_an_image() =>
        await AssertQuarantinedAsync(await _camera.UploadAsync("hello, this is not a picture"u8.ToArray()), "not-an-image");

    [Fact]
    public async Task Oversized_upload_is_quarantined_as_too_large()
    {
        var big = new byte[5000];
        big[0] = 0xFF; big[1] = 0xD8; big[2] = 0xFF;
        await AssertQuarantinedAsync(await _camera.UploadAsync(big), "too-large");
    }

    [Fact]
    public async Task Truncated_jpeg_is_quarantined_as_corrupt()
    {
        // A real photograph cut short: the signature is right, the decoder refuses it.
        var photo = await File.ReadAllBytesAsync(Alpr.Testing.TestData.Labelled(Alpr.Testing.TestData.EndToEndUs)[0].Path);
        var truncated = photo[..Math.Min(3000, photo.Length / 3)];
        await AssertQuarantinedAsync(await _camera.UploadAsync(truncated), "corrupt");
    }

    [Fact]
    public async Task Upload_without_capture_time_is_quarantined_as_bad_metadata()
    {
        var ticket = await _camera.RequestUploadAsync();
        var headers = ticket.Headers.Where(h => h.Key != "x-ms-meta-capturedat").ToDictionary();
        using var put = await _camera.PutAsync(ticket with { Headers = headers }, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        await AssertQuarantinedAsync(ticket, "bad-metadata");
    }

    [Fact]
    public async Task Capture_time_in_the_future_is_quarantined_as_bad_metadata()
    {
        var ticket = await _camera.RequestUploadAsync(DateTimeOffset.UtcNow.AddHours(3));
        using var put = await _camera.PutAsync(ticket, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]);
        await AssertQuarantinedAsync(ticket, "bad-metadata");
    }

    [Fact]
    public async Task Invocation_for_a_blob_that_is_gone_is_a_no_op()
    {
        var (status, body) = await InvokeBlobTriggerAsync("cam-bad/2026/01/01/" + Guid.NewGuid().ToString("N") + ".jpg");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Missing", body);
    }

    [Fact]
    public async Task Invocation_without_a_blob_reference_fails_so_the_host_retries()
    {
        using var client = _app.CreateClient();
        var resp = await client.PostAsJsonAsync("/ProcessCapture", new { Data = new { }, Metadata = new { } }, HostJson);
        Assert.Equal(HttpStatusCode.InternalServerError, resp.StatusCode);
    }
}
