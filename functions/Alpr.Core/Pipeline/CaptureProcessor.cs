using Alpr.Core.Alerts;
using Alpr.Core.Cameras;
using Alpr.Core.Captures;
using Alpr.Core.Events;
using Alpr.Core.Hotlists;
using Alpr.Core.Plates;
using Alpr.Core.Reads;
using Alpr.Core.Recognition;

namespace Alpr.Core.Pipeline;

/// <summary>
/// Stages (3)–(6) of the flow for one capture blob: validate, recognise, store reads and crops, match
/// hotlists, publish events. Every id is derived from the capture id, so processing the same blob again
/// rewrites the same documents and publishes the same event ids: exactly once in effect.
/// </summary>
public sealed class CaptureProcessor(
    ICaptureStore captures,
    IPlateRecognizer recognizer,
    IReadStore reads,
    IAlertStore alerts,
    IHotlistMatcher matcher,
    IEventPublisher events,
    IQuarantineLog quarantine,
    DuplicateAlertFilter duplicates,
    CaptureProcessorOptions options,
    TimeProvider time)
{
    public async Task<CaptureOutcome> ProcessAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (!CaptureBlobName.TryParse(blobName, out var name))
        {
            return await QuarantineAsync(blobName, null, "bad-name", "blob name is not captures/{camera}/{yyyy}/{MM}/{dd}/{captureId}.jpg", 0, now, cancellationToken);
        }

        var content = await captures.GetCaptureAsync(name!.Name, options.MaxImageBytes, cancellationToken);
        if (content is null) return CaptureOutcome.Missing;

        try
        {
            if (content.Length > options.MaxImageBytes)
                throw new ImageRejectedException(ImageRejectReason.TooLarge, $"the upload is {content.Length} bytes; the limit is {options.MaxImageBytes}");
            ImageGuard.Check(content.Data, options.MaxImageBytes);
        }
        catch (ImageRejectedException e)
        {
            return await QuarantineAsync(name.Name, name.CameraId, ReasonCode(e.Reason), e.Message, content.Length, now, cancellationToken);
        }

        var meta = CaptureMetadata.Parse(content.Metadata, now, options.AllowedClockSkew);
        if (meta.Value is null)
            return await QuarantineAsync(name.Name, name.CameraId, "bad-metadata", meta.Error!, content.Length, now, cancellationToken);

        RecognitionResult result;
        try
        {
            result = await recognizer.RecognizeAsync(content.Data, cancellationToken);
        }
        catch (ImageRejectedException e)
        {
            return await QuarantineAsync(name.Name, name.CameraId, ReasonCode(e.Reason), e.Message, content.Length, now, cancellationToken);
        }

        var stored = new List<PlateRead>();
        var raised = new List<HitAlert>();
        var outgoing = new List<AlprEvent>();
        var plates = result.Plates.Count > 0 ? result.Plates : [NoPlate(recognizer.Engine)];
        for (int i = 0; i < plates.Count; i++)
        {
            var read = await StoreReadAsync(name, meta.Value, plates[i], i, now, cancellationToken);
            stored.Add(read);
            if (read.Plate.Length == 0)
            {
                outgoing.Add(new AlprEvent($"{read.Id}:noplate", AlprEventTypes.CaptureWithoutPlate, $"/cameras/{read.CameraId}/reads/{read.Id}", now,
                    new { readId = read.Id, captureId = read.CaptureId, cameraId = read.CameraId, capturedAt = read.CapturedAt }));
                continue;
            }

            var readData = await ToEventDataAsync(read, cancellationToken);
            outgoing.Add(new AlprEvent($"{read.Id}:read", AlprEventTypes.PlateRead, $"/cameras/{read.CameraId}/reads/{read.Id}", now, readData));
            foreach (var match in matcher.Match(read.Plate, read.Region, read.Candidates, read.CapturedAt))
            {
                var alert = ToAlert(read, match, now);
                if (!duplicates.ShouldRaise(read.CameraId, read.Plate, match.Entry.Id, alert.Id, read.CapturedAt)) continue;
                await alerts.CreateIfAbsentAsync(alert, cancellationToken);
                raised.Add(alert);
                outgoing.Add(new AlprEvent($"{alert.Id}:hit", AlprEventTypes.HotlistHit, $"/alerts/{alert.Id}", now, ToHitData(alert, readData, match, now)));
            }
        }

        // Hits first: they are what an operator is waiting for.
        outgoing.Sort((a, b) => (a.Type == AlprEventTypes.HotlistHit ? 0 : 1).CompareTo(b.Type == AlprEventTypes.HotlistHit ? 0 : 1));
        if (outgoing.Count > 0) await events.PublishAsync(outgoing, cancellationToken);
        return new CaptureOutcome(CaptureOutcomeKind.Processed, stored, raised);
    }

    private async Task<PlateRead> StoreReadAsync(CaptureBlobName name, CaptureMetadata meta, RecognizedPlate plate, int index, DateTimeOffset now, CancellationToken ct)
    {
        string id = PlateRead.MakeId(name.CaptureId, index);
        string? cropBlob = null;
        if (plate.CropJpeg is { Length: > 0 } crop)
        {
            string cropName = $"{name.CameraId}/{name.Day:yyyy}/{name.Day:MM}/{name.Day:dd}/{id}.jpg";
            cropBlob = $"{options.CropContainer}/{await captures.SaveCropAsync(cropName, crop, ct)}";
        }
        var read = new PlateRead
        {
            Id = id,
            CaptureId = name.CaptureId,
            CameraId = name.CameraId,
            CameraKind = meta.CameraKind,
            CapturedAt = meta.CapturedAt,
            ProcessedAt = now,
            Location = meta.Location,
            Plate = PlateText.Normalize(plate.Text),
            Confidence = plate.Confidence,
            Candidates = plate.Alternatives,
            Region = plate.Region,
            RegionConfidence = plate.RegionConfidence,
            Engine = plate.Engine,
            ImageBlob = $"{CaptureBlobName.Container}/{name.Name}",
            CropBlob = cropBlob,
            Polygon = plate.Polygon,
        };
        await reads.UpsertAsync(read, ct);
        return read;
    }

    private async Task<CaptureOutcome> QuarantineAsync(string blobName, string? cameraId, string reason, string detail, long length, DateTimeOffset now, CancellationToken ct)
    {
        // Record first, then move: if the move fails the record still says why, and a retry repeats both.
        string id = CaptureBlobName.TryParse(blobName, out var n) ? n!.CaptureId : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(blobName)))[..32];
        await quarantine.RecordAsync(new QuarantineRecord(id, blobName, cameraId, reason, detail, length, now), ct);
        await captures.QuarantineAsync(blobName, reason, ct);
        return CaptureOutcome.Quarantined(reason);
    }

    private static RecognizedPlate NoPlate(string engine) => new() { Text = string.Empty, Confidence = 0, Engine = engine };

    private static string ReasonCode(ImageRejectReason reason) => reason switch
    {
        ImageRejectReason.Empty => "empty",
        ImageRejectReason.TooLarge => "too-large",
        ImageRejectReason.NotAnImage => "not-an-image",
        ImageRejectReason.DimensionsOutOfRange => "bad-dimensions",
        _ => "corrupt",
    };

    public async Task<PlateReadEventData> ToEventDataAsync(PlateRead r, CancellationToken ct)
    {
        var image = await captures.GetReadLinkAsync(r.ImageBlob, options.EventLinkValidity, ct);
        var crop = r.CropBlob is null ? null : await captures.GetReadLinkAsync(r.CropBlob, options.EventLinkValidity, ct);
        return new(r.Id, r.CaptureId, r.CameraId, r.CameraKind.ToWire(), r.CapturedAt,
            r.Location?.Latitude, r.Location?.Longitude, r.Location?.Heading, r.Plate, r.Confidence, r.Region,
            r.Candidates, r.Engine, image.ToString(), crop?.ToString());
    }

    /// <summary>The alert a match raises (shared with operator corrections, which match the corrected plate again).</summary>
    public static HitAlert ToAlert(PlateRead read, HotlistMatch m, DateTimeOffset now) => new()
    {
        Id = HitAlert.MakeId(read.Id, m.Entry.Id),
        ReadId = read.Id,
        CameraId = read.CameraId,
        CapturedAt = read.CapturedAt,
        Plate = read.Plate,
        EntryId = m.Entry.Id,
        EntryPlate = m.Entry.Plate,
        ListId = m.List.Id,
        MatchKind = m.Kind.ToString().ToLowerInvariant(),
        MatchConfidence = m.Confidence,
        Priority = m.Entry.Priority,
        RaisedAt = now,
        EntryState = m.Entry.State,
        ReadRegion = read.Region,
        ImageBlob = read.ImageBlob,
        CropBlob = read.CropBlob,
    };

    public static HotlistHitEventData ToHitData(HitAlert a, PlateReadEventData read, HotlistMatch m, DateTimeOffset now) => new(
        a.Id, a.Status.ToString().ToLowerInvariant(), read, m.Entry.Id, m.Entry.Plate, m.Entry.State, m.List.Id, m.List.Name,
        m.List.Source.ToString().ToUpperInvariant(), m.Entry.Reason, m.Entry.Priority, m.Entry.ReferenceNumber,
        a.MatchKind, m.Confidence, m.List.RefreshedAt, Math.Round((now - m.List.RefreshedAt).TotalMinutes, 1));
}
