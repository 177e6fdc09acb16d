using Alpr.Core.Audit;
using Alpr.Core.Cameras;
using Alpr.Core.Captures;
using Alpr.Core.Reads;
using Alpr.Cosmos;
using Alpr.Storage;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Captures;

/// <summary>
/// <c>POST /api/captures</c>: a camera proves itself with <c>X-Camera-Id</c> + <c>X-Camera-Key</c> and gets a
/// create/write-only SAS URL for exactly one new blob, valid for minutes. Every refusal is audited.
/// </summary>
public static class CaptureEndpoints
{
    public const string CameraIdHeader = "X-Camera-Id";
    public const string CameraKeyHeader = "X-Camera-Key";

    public static void MapCaptureEndpoints(this WebApplication app) =>
        app.MapPost("/api/captures", IssueUploadAsync).WithName("Captures");

    private static async Task<IResult> IssueUploadAsync(
        HttpContext ctx, CosmosCameraRegistry cameras, IAuditLog audit, BlobSasIssuer sas, PendingCaptureQueue pending,
        StorageClients storage, IOptions<CaptureApiOptions> options, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        string cameraId = ctx.Request.Headers[CameraIdHeader].ToString();
        string key = ctx.Request.Headers[CameraKeyHeader].ToString();
        string client = ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";

        async Task<IResult> Refuse(int status, string why)
        {
            await audit.AppendAsync(new AuditEntry
            {
                Id = Guid.CreateVersion7().ToString("N"), At = now, ActorType = "camera",
                ActorId = string.IsNullOrEmpty(cameraId) ? "(none)" : cameraId[..Math.Min(cameraId.Length, 64)],
                Action = "capture.upload-url", Outcome = AuditOutcome.Refused, ClientAddress = client, Detail = why,
            }, ct);
            return Results.Json(new { error = why }, statusCode: status);
        }

        if (cameraId.Length == 0 || key.Length == 0) return await Refuse(401, $"{CameraIdHeader} and {CameraKeyHeader} headers are required");
        if (!CaptureBlobName.IsValidId(cameraId)) return await Refuse(401, "unknown camera");
        var camera = await cameras.GetAsync(cameraId, ct);
        // Same answer for unknown camera and wrong key: no oracle for valid camera ids.
        if (camera is null || !CameraKeys.Matches(key, camera.KeyHash)) return await Refuse(401, "unknown camera or wrong key");
        if (!camera.Enabled) return await Refuse(403, "camera is disabled");

        CaptureRequest? body = null;
        if (ctx.Request.ContentLength > 0)
        {
            try { body = await ctx.Request.ReadFromJsonAsync<CaptureRequest>(ct); }
            catch (System.Text.Json.JsonException) { return Results.BadRequest(new { error = "body must be JSON: {capturedAt, latitude, longitude, heading}" }); }
        }

        var name = new CaptureBlobName(camera.Id, DateOnly.FromDateTime(now.UtcDateTime), Guid.CreateVersion7().ToString("N"));
        var validity = storage.Options.UploadSasValidity;
        var url = await sas.UploadUriAsync(storage.Options.CapturesContainer, name.Name, validity, ct);
        if (options.Value.NotifyPendingCaptures)
            await pending.EnqueueAsync(new PendingCapture(name.Name, now + validity + options.Value.UploadGrace), TimeSpan.FromSeconds(1), ct);

        GeoPoint? location = body?.Latitude is { } lat && body.Longitude is { } lon ? new GeoPoint(lat, lon, body.Heading) : null;
        var meta = new CaptureMetadata(body?.CapturedAt ?? now, camera.Kind, location).ToDictionary();
        var headers = new Dictionary<string, string>
        {
            ["x-ms-blob-type"] = "BlockBlob",
            ["If-None-Match"] = "*",
            ["Content-Type"] = "image/jpeg",
        };
        foreach (var (k, v) in meta) headers["x-ms-meta-" + k] = v;

        // Granted upload URLs are not audited one by one (they are not data access and would swamp the log);
        // the read each upload produces carries the camera and time.
        return Results.Ok(new CaptureUploadTicket(name.CaptureId, $"{CaptureBlobName.Container}/{name.Name}", url, "PUT", now + validity, headers));
    }
}
