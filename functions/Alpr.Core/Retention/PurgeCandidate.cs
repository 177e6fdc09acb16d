using Alpr.Core.Cameras;

namespace Alpr.Core.Retention;

/// <summary>What the purge needs to know about one stored read: no plate text, so none can leak into records.</summary>
public sealed record PurgeCandidate(
    string ReadId, string Partition, CameraKind CameraKind, DateTimeOffset CapturedAt,
    string ImageBlob, string? CropBlob, IReadOnlyList<string> Holds);

public enum PurgeDecision { Delete, KeepHeld, KeepNotExpired }
