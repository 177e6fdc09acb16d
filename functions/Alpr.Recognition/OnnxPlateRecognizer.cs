using System.Diagnostics;
using Alpr.Core.Plates;
using Alpr.Core.Recognition;
using Alpr.Recognition.Glyphs;
using Alpr.Recognition.Models;
using Alpr.Recognition.Rules;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Alpr.Recognition;

/// <summary>
/// Local plate reader: PP-OCRv4 text detector (DB) and recogniser (SVTR, CTC) over ONNX Runtime, as a cascade.
/// A fast pass reads the whole image at a small detector size; the best candidate plates get a closer look (their
/// crop re-detected at a zoom that suits the detector and read again, the readings of one place voting);
/// only when no confident plate is found does a detailed pass at a larger size run. One session per model per
/// instance, created once; thread-safe; tensors rented from a pool.
/// </summary>
public sealed class OnnxPlateRecognizer : IPlateRecognizer, IDisposable
{
    private readonly OnnxRecognizerOptions _options;
    private readonly TextDetector _detector;
    private readonly LineRecognizer _reader;
    private readonly ChooserOptions _chooser;

    public string Engine => _options.Engine;

    /// <summary>What the exact graph folds changed in each model (empty when <see cref="OnnxRecognizerOptions.FoldModelGraphs"/> is off).</summary>
    public IReadOnlyList<GraphFoldReport> ModelFolds => _folds;
    private readonly List<GraphFoldReport> _folds = [];

    public OnnxPlateRecognizer(OnnxRecognizerOptions? options = null)
    {
        _options = options ?? new OnnxRecognizerOptions();
        string dir = ModelLocator.Resolve(_options.ModelDirectory);
        using var so = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, _options.IntraOpThreads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        so.AddSessionConfigEntry("session.intra_op.allow_spinning", _options.SpinWaitingThreads ? "1" : "0");
        // Memory patterns are planned per input shape, and the detector's shape changes with every image and every
        // closer look: planning them cost more than it saved (US mean 132 -> 121 ms without them, the same readings)
        so.EnableMemoryPattern = false;
        _detector = new TextDetector(LoadModel(Path.Combine(dir, ModelLocator.DetectorFile)), so, new TextDetector.DetectorSettings(
            _options.DetectorThreshold, _options.BoxScoreThreshold, _options.UnclipRatio, _options.MaxBoxes, _options.DetectorMinSide));
        Glyphs = _options.Straightforward ? null : LoadGlyphs(_options.GlyphMemoryPath);
        // the feature output only where something reads it: the glyph memory, or an observer training one
        string? features = null;
        bool exposeFeatures = Glyphs is not null || _options.ReadObserver is not null;
        string recognizerPath = Path.Combine(dir, ModelLocator.RecognizerFile);
        // the ranges name tensors of the folded graph; the baseline runs the models as published
        var ranges = _options.Straightforward || _options.Int8RangesPath is not { Length: > 0 } rangesPath ? null : ActivationRanges.Load(rangesPath);
        var recognizer = LoadModel(recognizerPath, !exposeFeatures && ranges is null ? null : (proto, sha256) =>
        {
            if (exposeFeatures) features = ClassifierInput.Expose(proto);
            if (ranges is null) return;
            string? refused = !_options.FoldModelGraphs ? "int8 ranges need the folded graph (FoldModelGraphs)"
                : ranges.ModelSha256 != sha256 ? "ranges measured on another model file" : null;
            Int8 = refused is null ? PointwiseInt8.Apply(proto, ranges) : new Int8Report(PointwiseInt8.Candidates(proto).Count, 0, refused);
        });
        _reader = new LineRecognizer(recognizer, Path.Combine(dir, ModelLocator.KeysFile), so, features, Glyphs, _options.GlyphVotes,
            _options.StripBatchObserver, _options.Straightforward ? null : _options.UprightSlantedLines);
        _chooser = new ChooserOptions { Formats = PlateFormats.Of(_options.PlateFamilies), MinScore = _options.MinPlateScore };
    }

    /// <summary>What running the recogniser's pointwise convolutions in int8 changed (null: it runs in float).</summary>
    public Int8Report? Int8 { get; private set; }

    /// <summary>The glyph memory in use (null: none).</summary>
    public GlyphMemory? Glyphs { get; }

    private static GlyphMemory? LoadGlyphs(string? path)
    {
        if (path is { Length: 0 }) return null;
        string file = path ?? Path.Combine(AppContext.BaseDirectory, OnnxRecognizerOptions.GlyphMemoryFile);
        if (path is null && !File.Exists(file)) return null;
        return GlyphMemory.Load(file);
    }

    /// <summary>The model's bytes, parsed and written once when it is folded (<see cref="OnnxRecognizerOptions.FoldModelGraphs"/>)
    /// or given a further <paramref name="rewrite"/>; as read otherwise.</summary>
    /// <remarks>The rewrite gets the SHA-256 of the file as read (what calibrated ranges were measured on).</remarks>
    private byte[] LoadModel(string path, Action<ModelProto, string>? rewrite = null)
    {
        var bytes = File.ReadAllBytes(path);
        if (!_options.FoldModelGraphs && rewrite is null) return bytes;
        var proto = ModelProto.Parser.ParseFrom(bytes);
        if (_options.FoldModelGraphs) _folds.Add(ExactGraphFolds.Fold(proto));
        rewrite?.Invoke(proto, ActivationRanges.Sha256Of(bytes));
        return proto.ToByteArray();
    }

    public Task<RecognitionResult> RecognizeAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ImageGuard.Check(image.Span, _options.MaxImageBytes);
        var sw = Stopwatch.StartNew();
        var img = RgbImage.Decode(image.Span, _options.MaxPixels, _options.ReduceLargeImagesTo);
        double decodeMs = sw.Elapsed.TotalMilliseconds;
        cancellationToken.ThrowIfCancellationRequested();
        var result = Recognize(img, cancellationToken);
        LastTrace!.DecodeMs = decodeMs;
        return Task.FromResult(result);
    }

    /// <summary>What the last call on this thread did (diagnostics for the benchmark).</summary>
    [ThreadStatic] public static RecognitionTrace? LastTrace;

    public RecognitionResult Recognize(RgbImage img, CancellationToken ct = default)
    {
        var trace = new RecognitionTrace();
        LastTrace = trace;
        var lines = Pass(img, _options.DetectorMaxSide, trace, out var boxes);
        if (_options.Straightforward)
            return Result(img, lines, StraightforwardChoice(lines));

        var looked = new List<Quad>();
        var choices = Choose(lines, trace);
        ct.ThrowIfCancellationRequested();
        Log("first pass", choices);
        if (!SeenCloseEnough(img, choices))
        {
            lines.AddRange(CloserLooks(img, Targets(choices, boxes), looked, trace));
            choices = Choose(lines, trace);
            Log("closer looks", choices);
        }

        if (_options.DetailedSide > 0 && (Math.Max(img.Width, img.Height) > _options.DetectorMaxSide || !SeenTall(img, choices)) && !Confident(choices))
        {
            ct.ThrowIfCancellationRequested();
            trace.Detailed = true;
            lines.AddRange(Pass(img, _options.DetailedSide, trace, out var detailed));
            choices = Choose(lines, trace);
            lines.AddRange(CloserLooks(img, Targets(choices, detailed), looked, trace));
            choices = Choose(lines, trace);
            Log("detailed pass", choices);
        }
        if (_options.ReadLoneGlyphs) choices = WithLoneGlyphs(img, choices, trace);
        if (_options.Trace is { } log)
            foreach (var l in lines) log($"  line '{l.Text}' conf {l.Confidence:0.00} at ({l.CenterX:0},{l.CenterY:0}) {l.Width:0}x{l.Height:0}");
        return Result(img, lines, choices);
    }

    private IReadOnlyList<PlateChoice> Choose(List<TextLine> lines, RecognitionTrace trace)
    {
        var sw = Stopwatch.StartNew();
        var choices = PlateChooser.Choose(lines, _chooser);
        trace.ChooseMs += sw.Elapsed.TotalMilliseconds;
        return choices;
    }

    private void Log(string stage, IReadOnlyList<PlateChoice> choices) =>
        _options.Trace?.Invoke($" {stage}: " + string.Join("  ", choices.Take(3).Select(c =>
            $"{c.Reading.Text} score {c.Score:0.00} conf {c.Reading.Confidence:0.00}{(c.Reading.Format is { } f ? " " + f.Mask : "")}")));

    /// <summary>
    /// Whether the fast pass's best plate can stand without the detailed pass: a confident reading in a known format
    /// that mixes letters and digits. All-digit and all-letter lines are too often phone numbers, fleet numbers and
    /// words on the vehicle, with the real plate too small to have been seen yet.
    /// </summary>
    private bool Confident(IReadOnlyList<PlateChoice> choices)
    {
        if (choices.Count == 0) return false;
        var best = choices[0];
        string t = best.Reading.Text;
        return best.Score >= _options.ConfidentScore && best.Reading.Format is not null && best.Reading.Confidence >= 0.8
            && t.Any(char.IsAsciiDigit) && t.Any(char.IsAsciiLetter);
    }

    /// <summary>
    /// Whether the fast pass's plate needs no closer look: a sure reading (<see cref="OnnxRecognizerOptions.SureScore"/>,
    /// confidence 0.9) whose text the pass already saw at least as tall as a closer look would zoom it. A closer look
    /// then cannot zoom in; it only reads the same text once more. Plates smaller in the detector's input still get
    /// theirs: a sure reading of a small plate can miss a character the pass's box cut off (UNP953 of 6UNP953).
    /// </summary>
    private bool SeenCloseEnough(RgbImage img, IReadOnlyList<PlateChoice> choices)
    {
        if (_options.SureScore <= 0 || !Confident(choices)) return false;
        var best = choices[0];
        return best.Score >= _options.SureScore && best.Reading.Confidence >= 0.9 && SeenTall(img, choices);
    }

    /// <summary>
    /// Whether the best candidate's text was at least a closer look's text height tall in the fast pass's input. An image
    /// no larger than the fast pass's side was seen whole at full resolution, so the detailed pass only upscales it:
    /// that cannot help text seen this tall (a plate crop, a close-up), but a small plate in a small frame (a 640 x 360
    /// camera) may not have been found at all.
    /// </summary>
    private bool SeenTall(RgbImage img, IReadOnlyList<PlateChoice> choices)
    {
        if (choices.Count == 0) return false;
        float scale = _detector.Scale(Math.Max(img.Width, img.Height), _options.DetectorMaxSide);
        return choices[0].Line.Height * scale >= PlateRegion.TargetTextHeight;
    }

    /// <summary>
    /// The best plate with the character the detector left out beside its box, where one stands there alone and reads
    /// as one confident plate character (<see cref="LoneGlyphs"/>). The reading as it was stays among the alternatives.
    /// </summary>
    private IReadOnlyList<PlateChoice> WithLoneGlyphs(RgbImage img, IReadOnlyList<PlateChoice> choices, RecognitionTrace trace)
    {
        if (choices.Count == 0 || choices[0].Line.Box is not { } box) return choices;
        var glyphs = LoneGlyphs.Beside(img, box);
        if (glyphs.Count == 0) return choices;
        var reads = Read(img, glyphs.Select(LoneGlyphs.ReadingBox).ToList(), trace);
        var best = choices[0];
        string text = best.Reading.Text;
        double confidence = best.Reading.Confidence;
        var spanned = box;
        for (int i = 0; i < glyphs.Count; i++)
        {
            if (GlyphCharacter(img, glyphs[i], reads[i], best.Line, trace) is not { } c) continue;
            text = glyphs[i].Left ? c.Char + text : text + c.Char;
            confidence = Math.Min(confidence, c.P);
            spanned = glyphs[i].Left ? Quad.Span(LoneGlyphs.ReadingBox(glyphs[i]), spanned) : Quad.Span(spanned, LoneGlyphs.ReadingBox(glyphs[i]));
        }
        if (text == best.Reading.Text || text.Length > 8 || PlateTextRules.Score(text) < 0) return choices;
        var reading = new PlateHypothesis(text, best.Reading.Score, confidence, PlateDecoder.BestFormat(text, _chooser.Formats).Format);
        _options.Trace?.Invoke($" lone glyph: {best.Reading.Text} -> {text}");
        return [best with { Line = best.Line with { Box = spanned }, Reading = reading, Readings = [reading, .. best.Readings] }, .. choices.Skip(1)];
    }

    /// <summary>
    /// The glyph's character: as read alone when that is one confident character; else, for a glyph close to the box
    /// (a thin "1" alone reads poorly), as read with the line when that read is the line's text and one confident
    /// character more on the glyph's side.
    /// </summary>
    private CharOption? GlyphCharacter(RgbImage img, LoneGlyphs.Glyph glyph, TextLine alone, TextLine line, RecognitionTrace trace)
    {
        if (alone.Text.Length == 1 && alone.Confidence >= _options.LoneGlyphConfidence) return new CharOption(alone.Text[0], alone.Confidence);
        if (glyph.Gap > LoneGlyphs.CloseGap || line.Box is not { } box || line.Text.Length == 0) return null;
        var glyphBox = LoneGlyphs.ReadingBox(glyph);
        var together = Read(img, [glyph.Left ? Quad.Span(glyphBox, box) : Quad.Span(box, glyphBox)], trace)[0];
        if (together.Slots.Count != line.Text.Length + 1) return null;
        bool same = glyph.Left ? together.Text.EndsWith(line.Text, StringComparison.Ordinal) : together.Text.StartsWith(line.Text, StringComparison.Ordinal);
        var slot = glyph.Left ? together.Slots[0] : together.Slots[^1];
        _options.Trace?.Invoke($" lone glyph with the line: {together.Text} ({slot.Best.Char} {slot.Best.P:0.00})");
        return same && slot.Best.P >= _options.LoneGlyphConfidence ? slot.Best : null;
    }

    /// <summary>
    /// The best plate, and further plates only when they look like plates on their own (a known format and a score
    /// near a confident one): a second car's plate is reported, a fleet number or a dealer's name is not.
    /// </summary>
    private RecognitionResult Result(RgbImage img, List<TextLine> lines, IReadOnlyList<PlateChoice> choices)
    {
        var plates = choices.Take(1).Concat(choices.Skip(1).Where(c => c.Reading.Format is not null && c.Score >= _options.SecondPlateScore)).ToList();
        return new(img.SourceWidth, img.SourceHeight, PlateResults.Build(img, lines, plates, choices, Engine));
    }

    /// <summary>
    /// Detects text on the whole image at one size and reads the boxes that could hold plate characters (long lines of
    /// signage and specks are left unread: reading costs in proportion to width, and they are never plates).
    /// </summary>
    private List<TextLine> Pass(RgbImage img, int side, RecognitionTrace trace, out List<Quad> boxes)
    {
        var sw = Stopwatch.StartNew();
        boxes = _detector.Detect(img, 0, 0, img.Width, img.Height, side);
        trace.DetectMs += sw.Elapsed.TotalMilliseconds;
        var toRead = _options.Straightforward ? boxes
            : boxes.Where(PlateRegion.IsPlateShaped).OrderByDescending(b => b.Score * b.Width * b.Height).Take(_options.MaxReadsPerPass).ToList();
        return Read(img, toRead, trace);
    }

    private List<TextLine> Read(RgbImage img, List<Quad> boxes, RecognitionTrace trace)
    {
        var sw = Stopwatch.StartNew();
        var reads = _reader.Read(img, boxes);
        trace.ReadMs += sw.Elapsed.TotalMilliseconds;
        trace.Boxes += boxes.Count;
        var lines = new List<TextLine>(reads.Length);
        for (int i = 0; i < reads.Length; i++)
        {
            _options.ReadObserver?.Invoke(reads[i]);
            lines.Add(TextLine.FromRead(reads[i], boxes[i]));
        }
        return lines;
    }

    /// <summary>Where to look closer: the best plate candidates, or, when none was chosen, the plate-shaped boxes.</summary>
    private IEnumerable<Quad> Targets(IReadOnlyList<PlateChoice> choices, List<Quad> boxes)
    {
        var fromChoices = choices.Select(c => c.Line.Box).OfType<Quad>().Take(_options.CloserLooks).ToList();
        if (fromChoices.Count > 0) return fromChoices;
        return boxes.Where(PlateRegion.IsPlateShaped).OrderByDescending(b => b.Score * b.Width * b.Height).Take(_options.CloserLooks);
    }

    /// <summary>
    /// Re-detects each target's surroundings at a zoom that suits the detector (small plates come out whole and tight)
    /// and reads the boxes found there, all in one batch, leaving sticker-sized text unread. (Reading jittered copies of the box was tried and lost
    /// accuracy: copies of a box that had cut a character off outvoted the complete reading.)
    /// </summary>
    private List<TextLine> CloserLooks(RgbImage img, IEnumerable<Quad> targets, List<Quad> looked, RecognitionTrace trace)
    {
        var toRead = new List<Quad>();
        foreach (var target in targets)
        {
            if (looked.Any(l => PlateRegion.Overlaps(l, target))) continue;
            looked.Add(target);
            var (x, y, w, h, side) = PlateRegion.Around(target, img.Width, img.Height);
            if (w < 8 || h < 8) continue;
            var sw = Stopwatch.StartNew();
            var found = _detector.Detect(img, x, y, w, h, side);
            trace.DetectMs += sw.Elapsed.TotalMilliseconds;
            trace.CloserLooks++;
            toRead.AddRange(found.Where(b => PlateRegion.IsWorthReading(b, target, _options.CloserLookMinHeightShare)));
        }
        return toRead.Count == 0 ? [] : Read(img, toRead, trace);
    }

    /// <summary>The untuned baseline: the most confident line of plate length with a digit, as read.</summary>
    private static IReadOnlyList<PlateChoice> StraightforwardChoice(List<TextLine> lines) =>
        lines.Where(l => l.Text.Length is >= 4 and <= 8 && l.Text.Any(char.IsAsciiDigit)).OrderByDescending(l => l.Confidence)
            .Select(l => { var h = new PlateHypothesis(l.Text, 0, l.Confidence, null); return new PlateChoice(l, h, [h], l.Confidence); })
            .Take(1).ToList();

    public void Dispose()
    {
        _detector.Dispose();
        _reader.Dispose();
    }
}

/// <summary>Timings and work of one recognition (benchmark diagnostics; no plate data).</summary>
public sealed class RecognitionTrace
{
    public double DetectMs { get; set; }
    public double ReadMs { get; set; }
    public double DecodeMs { get; set; }
    public double ChooseMs { get; set; }
    public int Boxes { get; set; }
    public int CloserLooks { get; set; }
    public bool Detailed { get; set; }
}
