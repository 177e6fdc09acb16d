using Alpr.Core.Reads;

namespace Alpr.Core.Recognition;

/// <summary>Reads the plates in one image. Implementations are thread-safe and reuse their models.</summary>
public interface IPlateRecognizer
{
    /// <summary>Name recorded on every read this engine produces.</summary>
    string Engine { get; }

    /// <exception cref="ImageRejectedException">The bytes are not a decodable image of acceptable size.</exception>
    Task<RecognitionResult> RecognizeAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken = default);
}

/// <summary>Everything found in one image, best plate first.</summary>
public sealed record RecognitionResult(int ImageWidth, int ImageHeight, IReadOnlyList<RecognizedPlate> Plates);

/// <summary>One plate: its text, where it is, its crop, and the runner-up readings for fuzzy matching.</summary>
public sealed record RecognizedPlate
{
    public required string Text { get; init; }
    public required double Confidence { get; init; }
    public IReadOnlyList<PixelPoint> Polygon { get; init; } = [];
    /// <summary>The plate region as JPEG, for the read's crop blob.</summary>
    public byte[]? CropJpeg { get; init; }
    public IReadOnlyList<PlateCandidate> Alternatives { get; init; } = [];
    public string? Region { get; init; }
    public double? RegionConfidence { get; init; }
    public required string Engine { get; init; }
}
