namespace Alpr.Core.Events;

/// <summary>Data of <c>Alpr.PlateRead</c>: the read without image bytes; links are short-lived read-only URLs.</summary>
public sealed record PlateReadEventData(
    string ReadId, string CaptureId, string CameraId, string CameraKind, DateTimeOffset CapturedAt,
    double? Latitude, double? Longitude, double? Heading, string Plate, double Confidence, string? Region,
    IReadOnlyList<Reads.PlateCandidate> Candidates, string Engine, string? ImageUrl, string? CropUrl);

/// <summary>
/// Data of <c>Alpr.HotlistHit</c>: everything an operator needs to verify — the read, the entry, its list,
/// source and reason, how old the list is, and image links valid for a short time.
/// </summary>
public sealed record HotlistHitEventData(
    string AlertId, string Status, PlateReadEventData Read,
    string EntryId, string EntryPlate, string? EntryState, string ListId, string ListName, string ListSource,
    string EntryReason, int Priority, string? ReferenceNumber, string MatchKind, double MatchConfidence,
    DateTimeOffset ListRefreshedAt, double ListAgeMinutes);
