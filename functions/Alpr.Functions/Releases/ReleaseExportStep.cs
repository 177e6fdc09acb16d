using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpr.Core.Reads;
using Alpr.Core.Releases;
using Alpr.Core.Workflows;
using Alpr.Cosmos;
using Alpr.Storage;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Releases;

/// <summary>One exported file and its SHA-256 (hex), as listed in the manifest.</summary>
public sealed record ExportFile(string Name, long Bytes, string Sha256);

public sealed record ExportManifest(string RequestId, string CaseNumber, string Agency, DateTimeOffset CreatedAt, int ReadCount, IReadOnlyList<ExportFile> Files);

/// <summary>
/// The "export" step: reads in scope as CSV and JSON, their images and crops, and a manifest with each file's
/// SHA-256, under exports/{requestId}/. Idempotent: names are fixed per request and the manifest is written last
/// with create-if-absent, so a rerun after a crash (before the completion was recorded) returns the manifest
/// already written instead of exporting twice.
/// </summary>
public sealed class ReleaseExportStep(CosmosReleaseReads reads, StorageClients storage, IOptions<ReleaseOptions> options, TimeProvider time) : IWorkflowStepHandler
{
    public string Workflow => ReleaseWorkflow.WorkflowName;
    public string Step => ReleaseWorkflow.Export;

    public static string ManifestBlob(string requestId) => $"{requestId}/manifest.json";

    public async Task<JsonNode?> RunAsync(WorkflowInstance instance, CancellationToken ct)
    {
        var o = options.Value;
        var exports = storage.Container(o.ExportsContainer);
        await exports.CreateIfNotExistsAsync(cancellationToken: ct);
        var manifestBlob = exports.GetBlobClient(ManifestBlob(instance.Id));
        if (await manifestBlob.ExistsAsync(ct))
            return JsonNode.Parse((await manifestBlob.DownloadContentAsync(ct)).Value.Content.ToString());

        var file = ReleaseJson.From<ReleaseFile>(instance.Input)!;
        var list = await reads.InScopeAsync(file.Request.Scope, o.MaxReads + 1, ct);
        if (list.Count > o.MaxReads) throw new InvalidOperationException($"scope covers more than {o.MaxReads} reads; narrow it");

        var files = new List<ExportFile>
        {
            await PutAsync(exports, instance.Id, "reads.csv", Encoding.UTF8.GetBytes(Csv(list)), ct),
            await PutAsync(exports, instance.Id, "reads.json", JsonSerializer.SerializeToUtf8Bytes(list, ReleaseJson.Options), ct),
        };
        foreach (var blob in list.Select(r => r.ImageBlob).Concat(list.Select(r => r.CropBlob)).OfType<string>().Distinct())
        {
            // Read blobs are "captures/..." or "crops/...": the first segment is the container.
            int slash = blob.IndexOf('/');
            var source = storage.Container(blob[..slash]).GetBlobClient(blob[(slash + 1)..]);
            if (!await source.ExistsAsync(ct)) continue; // purged since; the CSV still lists the read
            var bytes = (await source.DownloadContentAsync(ct)).Value.Content.ToArray();
            files.Add(await PutAsync(exports, instance.Id, "images/" + blob, bytes, ct));
        }
        var manifest = new ExportManifest(instance.Id, file.Request.CaseNumber, file.Request.Agency.Name, time.GetUtcNow(), list.Count, files);
        var json = JsonSerializer.SerializeToUtf8Bytes(manifest, ReleaseJson.Options);
        try { await manifestBlob.UploadAsync(new BinaryData(json), overwrite: false, ct); }
        catch (Azure.RequestFailedException e) when (e.Status == 409) { json = (await manifestBlob.DownloadContentAsync(ct)).Value.Content.ToArray(); }
        return JsonNode.Parse(json);
    }

    private static async Task<ExportFile> PutAsync(Azure.Storage.Blobs.BlobContainerClient c, string id, string name, byte[] bytes, CancellationToken ct)
    {
        await c.GetBlobClient($"{id}/{name}").UploadAsync(new BinaryData(bytes), new BlobUploadOptions(), ct);
        return new ExportFile(name, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static string Csv(IReadOnlyList<PlateRead> reads)
    {
        var sb = new StringBuilder("id,captureId,cameraId,capturedAt,plate,confidence,region,latitude,longitude,imageBlob,cropBlob\n");
        foreach (var r in reads)
            sb.AppendJoin(',', new[]
            {
                r.Id, r.CaptureId, r.CameraId, r.CapturedAt.ToString("O"), r.Plate, r.Confidence.ToString(CultureInfo.InvariantCulture), r.Region,
                r.Location?.Latitude.ToString(CultureInfo.InvariantCulture), r.Location?.Longitude.ToString(CultureInfo.InvariantCulture), r.ImageBlob, r.CropBlob,
            }.Select(Field)).Append('\n');
        return sb.ToString();
    }

    // Quote fields with separators, and neutralise spreadsheet formulas.
    private static string Field(string? v)
    {
        v ??= "";
        if (v.Length > 0 && "=+-@".Contains(v[0]) && !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) v = "'" + v;
        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }
}
