using Alpr.Core.Cameras;

namespace Alpr.Core.Reads;

/// <summary>
/// One plate seen in one capture. The id is derived from the capture id and the plate's index in the
/// image, so replaying a capture rewrites the same documents instead of adding new ones.
/// </summary>
public sealed record PlateRead
{
    public required string Id { get; init; }
    public required string CaptureId { get; init; }
    public required string CameraId { get; init; }
    public required CameraKind CameraKind { get; init; }
    /// <summary>When the camera took the picture (kept for backlog uploads from mobile units).</summary>
    public required DateTimeOffset CapturedAt { get; init; }
    /// <summary>When the back end processed it.</summary>
    public required DateTimeOffset ProcessedAt { get; init; }
    public GeoPoint? Location { get; init; }
    public required string Plate { get; init; }
    public required double Confidence { get; init; }
    public IReadOnlyList<PlateCandidate> Candidates { get; init; } = [];
    public string? Region { get; init; }
    public double? RegionConfidence { get; init; }
    /// <summary>Which engine produced the plate text ("onnx-ppocrv4", "azure-vision", ...).</summary>
    public required string Engine { get; init; }
    /// <summary>Blob name of the full context image.</summary>
    public required string ImageBlob { get; init; }
    /// <summary>Blob name of the saved plate crop.</summary>
    public string? CropBlob { get; init; }
    public IReadOnlyList<PixelPoint> Polygon { get; init; } = [];
    /// <summary>Set when an operator corrected a misread; <see cref="Plate"/> keeps what the engine read.</summary>
    public string? CorrectedPlate { get; init; }
    public string? CorrectedBy { get; init; }

    public static string MakeId(string captureId, int plateIndex) => $"{captureId}-{plateIndex}";
}

public readonly record struct PixelPoint(float X, float Y);
