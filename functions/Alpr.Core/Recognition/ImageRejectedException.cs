namespace Alpr.Core.Recognition;

public enum ImageRejectReason { Empty, TooLarge, NotAnImage, Corrupt, DimensionsOutOfRange }

/// <summary>The upload cannot be read as an image; the pipeline quarantines it with this reason.</summary>
public sealed class ImageRejectedException(ImageRejectReason reason, string message) : Exception(message)
{
    public ImageRejectReason Reason { get; } = reason;
}
