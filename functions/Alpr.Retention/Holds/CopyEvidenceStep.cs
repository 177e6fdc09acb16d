using System.Text.Json;
using System.Text.Json.Nodes;
using Alpr.Core.Audit;
using Alpr.Core.Retention.Holds;
using Alpr.Core.Workflows;

namespace Alpr.Retention.Holds;

/// <summary>
/// copy-evidence: the read documents, images and crops into the evidence package with a SHA-256 manifest
/// (<see cref="EvidenceStore"/>). A source already gone is a recorded outcome, not an error: the manifest lists
/// it as missing with the reason, the hold's status and history keep it, and the owner's notification names it.
/// Anything else that fails throws, and the runtime retries the step (then fails the hold, in its history).
/// </summary>
public sealed class CopyEvidenceStep(ReadHoldMarkers markers, EvidenceStore evidence, IAuditLog audit, TimeProvider time) : HoldStepHandler(audit, time)
{
    private static readonly string[] SystemFields = ["_etag", "_rid", "_self", "_ts", "_attachments"];
    protected override HoldStep Kind => HoldStep.CopyEvidence;

    protected override async Task<(string, JsonObject?)> DoAsync(WorkflowInstance instance, HoldFile file, CancellationToken ct)
    {
        var items = new EvidenceStore.ReadItem[file.Reads.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Length), new ParallelOptions { MaxDegreeOfParallelism = HoldIndexWriter.Concurrency, CancellationToken = ct },
            async (n, token) =>
            {
                var r = file.Reads[n];
                var doc = await markers.GetAsync(r, token);
                if (doc is null) { items[n] = new(r.ReadId, null, []); return; }
                foreach (var f in SystemFields) doc.Remove(f);
                var blobs = new[] { (string?)doc["imageBlob"], (string?)doc["cropBlob"] }.OfType<string>().ToList();
                items[n] = new(r.ReadId, JsonSerializer.SerializeToUtf8Bytes(doc), blobs);
            });
        var package = await evidence.WritePackageAsync(instance.Id, file, items, ct);
        string missing = package.Missing.Count == 0 ? "" :
            $"; {package.Missing.Count} MISSING: " + string.Join("; ", package.Missing.Take(20).Select(m => $"{m.Source} ({m.Reason})"));
        string detail = $"{items.Count(i => i.Document is not null)} reads copied, {package.Files} files; manifest sha256 {package.ManifestSha256}{missing}";
        return (detail, WorkflowJson.ToNode(package) as JsonObject);
    }
}
