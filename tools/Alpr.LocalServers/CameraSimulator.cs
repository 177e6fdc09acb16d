using System.Net.Http.Json;
using System.Text.Json;

namespace Alpr.LocalServers;

/// <summary>What a camera gets back from POST /api/captures.</summary>
public sealed record UploadTicket(string CaptureId, string BlobName, Uri UploadUrl, string Method, DateTimeOffset ExpiresAt, Dictionary<string, string> Headers);

/// <summary>
/// Acts as a camera, the way real units do: ask the app for an upload URL with the camera's id and key, then
/// PUT the image straight to Blob storage with every header the ticket lists.
/// </summary>
public sealed class CameraSimulator(HttpClient app, HttpClient storage, string cameraId, string cameraKey)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<HttpResponseMessage> RequestUploadRawAsync(object? body = null, CancellationToken ct = default)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "/api/captures");
        req.Headers.Add("X-Camera-Id", cameraId);
        req.Headers.Add("X-Camera-Key", cameraKey);
        if (body is not null) req.Content = JsonContent.Create(body);
        return await app.SendAsync(req, ct);
    }

    public async Task<UploadTicket> RequestUploadAsync(DateTimeOffset? capturedAt = null, double? latitude = null, double? longitude = null, double? heading = null, CancellationToken ct = default)
    {
        using var resp = await RequestUploadRawAsync(new { capturedAt, latitude, longitude, heading }, ct);
        if (!resp.IsSuccessStatusCode)
            throw new HttpRequestException($"upload URL refused: {(int)resp.StatusCode} {await resp.Content.ReadAsStringAsync(ct)}");
        return (await resp.Content.ReadFromJsonAsync<UploadTicket>(Json, ct))!;
    }

    public async Task<HttpResponseMessage> PutAsync(UploadTicket ticket, byte[] image, IDictionary<string, string>? overrideHeaders = null, CancellationToken ct = default)
    {
        using var req = new HttpRequestMessage(HttpMethod.Put, ticket.UploadUrl) { Content = new ByteArrayContent(image) };
        var headers = new Dictionary<string, string>(ticket.Headers, StringComparer.OrdinalIgnoreCase);
        if (overrideHeaders is not null) foreach (var (k, v) in overrideHeaders) headers[k] = v;
        foreach (var (k, v) in headers)
        {
            if (k.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) req.Content.Headers.TryAddWithoutValidation(k, v);
            else req.Headers.TryAddWithoutValidation(k, v);
        }
        return await storage.SendAsync(req, ct);
    }

    /// <summary>Request a URL and upload; returns the ticket (throws if either step fails).</summary>
    public async Task<UploadTicket> UploadAsync(byte[] image, DateTimeOffset? capturedAt = null, double? latitude = null, double? longitude = null, double? heading = null, CancellationToken ct = default)
    {
        var ticket = await RequestUploadAsync(capturedAt, latitude, longitude, heading, ct);
        using var put = await PutAsync(ticket, image, ct: ct);
        if (!put.IsSuccessStatusCode) throw new HttpRequestException($"upload failed: {(int)put.StatusCode}");
        return ticket;
    }
}
