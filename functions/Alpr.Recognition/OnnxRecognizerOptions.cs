namespace Alpr.Recognition;

public sealed class OnnxRecognizerOptions
{
    /// <summary>Folder with ch_PP-OCRv4_det_infer.onnx, ch_PP-OCRv4_rec_infer.onnx and ppocr_keys_v1.txt; found automatically when empty.</summary>
    public string? ModelDirectory { get; set; }
    /// <summary>Threads ONNX Runtime may use inside one inference.</summary>
    public int IntraOpThreads { get; set; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>Longest side the detector sees (multiple of 32).</summary>
    public int DetectorMaxSide { get; set; } = 960;
    public float DetectorThreshold { get; set; } = 0.3f;
    public float BoxThreshold { get; set; } = 0.5f;
    public float UnclipRatio { get; set; } = 1.6f;
    public long MaxImageBytes { get; set; } = Core.Recognition.ImageGuard.DefaultMaxBytes;
    /// <summary>Images with more pixels than this are refused (decompression bombs).</summary>
    public long MaxPixels { get; set; } = 40_000_000;
    /// <summary>Padding added around a detected line before reading it, as fractions of the line's height.</summary>
    public float CropPaddingX { get; set; } = 0.04f;
    public float CropPaddingY { get; set; } = 0.08f;
    /// <summary>How many plates one image may yield.</summary>
    public int MaxPlates { get; set; } = 4;
}
