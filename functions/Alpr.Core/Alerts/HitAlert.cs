namespace Alpr.Core.Alerts;

public enum AlertStatus { Unverified, Confirmed, Rejected, Corrected }

/// <summary>A hit waiting for (or after) operator verification. Id = read id + entry id, so replays are idempotent.</summary>
public sealed record HitAlert
{
    public required string Id { get; init; }
    public required string ReadId { get; init; }
    public required string CameraId { get; init; }
    public required DateTimeOffset CapturedAt { get; init; }
    public required string Plate { get; init; }
    public required string EntryId { get; init; }
    public required string EntryPlate { get; init; }
    public required string ListId { get; init; }
    public required string MatchKind { get; init; }
    public required double MatchConfidence { get; init; }
    public required int Priority { get; init; }
    public AlertStatus Status { get; init; } = AlertStatus.Unverified;
    public required DateTimeOffset RaisedAt { get; init; }
    public string? EntryState { get; init; }
    /// <summary>The context image and plate crop ("container/name"), for the operator's comparison.</summary>
    public string? ImageBlob { get; init; }
    public string? CropBlob { get; init; }
    /// <summary>Raised by an operator's correction of another alert's read, not by the engine's read.</summary>
    public string? RaisedByCorrectionOf { get; init; }
    public string? ReadRegion { get; init; }
    /// <summary>The operator who compared image and entry, and when.</summary>
    public string? VerifiedBy { get; init; }
    public string? VerifierRole { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }
    /// <summary>What the operator saw on the image when the read was wrong (status Corrected).</summary>
    public string? CorrectedPlate { get; init; }
    public string? VerificationNote { get; init; }

    public static string MakeId(string readId, string entryId) => $"{readId}~{entryId}";
}
