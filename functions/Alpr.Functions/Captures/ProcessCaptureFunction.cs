using System.Text.Json;
using Alpr.Core.Captures;
using Alpr.Core.Pipeline;
using Alpr.Functions.Hosting;

namespace Alpr.Functions.Captures;

/// <summary>
/// Blob-created trigger (blob trigger with EventGrid source in Azure; the pending-capture queue standalone).
/// Finds the blob name in the trigger metadata ("Uri") or in a BlobCreated event's subject, then runs the pipeline.
/// </summary>
public sealed class ProcessCaptureFunction(CaptureProcessor processor, ILogger<ProcessCaptureFunction> log) : IFunctionHandler
{
    public const string FunctionName = "ProcessCapture";
    public string Name => FunctionName;

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken ct)
    {
        string? blobName = BlobNameFrom(request);
        if (blobName is null) throw new InvalidOperationException("invocation names no capture blob (no Metadata.Uri and no BlobCreated subject)");
        var outcome = await RunAsync(blobName, ct);
        string summary = outcome.Kind switch
        {
            CaptureOutcomeKind.Processed => $"{blobName}: {outcome.Reads.Count} read(s), {outcome.Alerts.Count} hit(s)",
            CaptureOutcomeKind.Quarantined => $"{blobName}: quarantined ({outcome.QuarantineReason})",
            _ => $"{blobName}: no longer exists",
        };
        log.LogInformation("{Summary}", summary);
        return new InvocationResponse
        {
            Logs = [summary],
            ReturnValue = new { kind = outcome.Kind.ToString(), reads = outcome.Reads.Count, hits = outcome.Alerts.Count, reason = outcome.QuarantineReason },
        };
    }

    /// <summary>The handler itself; the standalone trigger loop calls it directly with the blob it was told about.</summary>
    public async Task<CaptureOutcome> RunAsync(string blobName, CancellationToken ct)
    {
        var outcome = await processor.ProcessAsync(blobName, ct);
        return outcome;
    }

    internal static string? BlobNameFrom(InvocationRequest request)
    {
        if (request.MetadataString("Uri") is { } uri && Uri.TryCreate(uri.Trim('"'), UriKind.Absolute, out var u))
            return AfterContainer(Uri.UnescapeDataString(u.AbsolutePath));
        if (request.Data.TryGetValue("event", out var ev) && ev.ValueKind == JsonValueKind.Object
            && ev.TryGetProperty("subject", out var subject) && subject.GetString() is { } s)
            return AfterContainer(s.Replace("/blobs/", "/"));
        return null;
    }

    // ".../captures/{camera}/..." (service URL, Azurite's path-style URL, or an Event Grid subject).
    private static string? AfterContainer(string path)
    {
        string marker = "/" + CaptureBlobName.Container + "/";
        int i = path.IndexOf(marker, StringComparison.Ordinal);
        return i < 0 ? null : path[(i + marker.Length)..];
    }
}
