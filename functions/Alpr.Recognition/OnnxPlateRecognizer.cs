using Alpr.Core.Reads;
using Alpr.Core.Recognition;
using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

namespace Alpr.Recognition;

/// <summary>
/// Reads plates with the PP-OCRv4 models: detect text lines, read each (plate characters only), pick the
/// lines that look like plates, attach the state named nearby. One session per model for the process's life.
/// </summary>
public sealed class OnnxPlateRecognizer : IPlateRecognizer, IDisposable
{
    public const string EngineName = "onnx-ppocrv4";
    private const int MaxBoxes = 32;
    private readonly InferenceSession _detSession, _recSession;
    private readonly TextDetector _detector;
    private readonly TextRecognizer _recognizer;
    private readonly OnnxRecognizerOptions _options;

    public string Engine => EngineName;

    public OnnxPlateRecognizer(OnnxRecognizerOptions options)
    {
        _options = options;
        string dir = ModelLocator.Resolve(options.ModelDirectory);
        var so = new SessionOptions { IntraOpNumThreads = options.IntraOpThreads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _detSession = new InferenceSession(Path.Combine(dir, ModelLocator.DetectorFile), so);
        _recSession = new InferenceSession(Path.Combine(dir, ModelLocator.RecognizerFile), so);
        _detector = new TextDetector(_detSession, options);
        _recognizer = new TextRecognizer(_recSession, Path.Combine(dir, ModelLocator.DictionaryFile));
    }

    public Task<RecognitionResult> RecognizeAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var bitmap = DecodedImage.Decode(image.Span, _options.MaxImageBytes, _options.MaxPixels);
        var boxes = _detector.Detect(bitmap).OrderByDescending(b => b.Rect.Height * b.Rect.Width).Take(MaxBoxes).ToList();
        cancellationToken.ThrowIfCancellationRequested();

        var crops = boxes.Select(b => Crop(bitmap, Inflate(b.Rect, bitmap, _options.CropPaddingX, _options.CropPaddingY))).ToList();
        IReadOnlyList<TextLine> lines;
        try { lines = _recognizer.Recognize(crops); }
        finally { foreach (var c in crops) c.Dispose(); }

        int tallest = boxes.Count == 0 ? 1 : boxes.Max(b => b.Rect.Height);
        var scored = boxes.Zip(lines, (box, line) => (box, line,
                score: PlateCandidateScore.Score(line.Text, line.Confidence, box.Rect.Width / (double)box.Rect.Height, box.Rect.Height / (double)tallest)))
            .Where(x => x.score > 0.2)
            .OrderByDescending(x => x.score)
            .ToList();

        var plates = new List<RecognizedPlate>();
        foreach (var (box, line, _) in scored)
        {
            if (plates.Count == _options.MaxPlates) break;
            if (plates.Count > 0 && (line.Confidence < 0.8 || line.Text.Length < 5)) break; // further plates must be convincing
            var region = RegionNear(box, boxes, lines);
            plates.Add(new RecognizedPlate
            {
                Text = line.Text,
                Confidence = Math.Round(line.Confidence, 4),
                Polygon = [new(box.Rect.Left, box.Rect.Top), new(box.Rect.Right, box.Rect.Top), new(box.Rect.Right, box.Rect.Bottom), new(box.Rect.Left, box.Rect.Bottom)],
                CropJpeg = EncodeCrop(bitmap, Inflate(box.Rect, bitmap, 0.6f, 0.6f)),
                Alternatives = PlateAlternatives.From(line, line.Confidence),
                Region = region?.Code,
                RegionConfidence = region is null ? null : Math.Round(region.Value.Confidence, 4),
                Engine = EngineName,
            });
        }
        return Task.FromResult(new RecognitionResult(bitmap.Width, bitmap.Height, plates));
    }

    /// <summary>The state named by a line just above or below the plate, within about two plate heights.</summary>
    private static (string Code, double Confidence)? RegionNear(TextBox plate, List<TextBox> boxes, IReadOnlyList<TextLine> lines)
    {
        (string Code, double Confidence)? best = null;
        for (int i = 0; i < boxes.Count; i++)
        {
            var r = boxes[i].Rect;
            if (r == plate.Rect) continue;
            float dy = Math.Abs(r.MidY - plate.Rect.MidY), dx = Math.Abs(r.MidX - plate.Rect.MidX);
            if (dy > plate.Rect.Height * 2.5f || dx > plate.Rect.Width) continue;
            var m = UsStates.Match(lines[i].Text, lines[i].Confidence);
            if (m is not null && (best is null || m.Value.Confidence > best.Value.Confidence)) best = m;
        }
        return best;
    }

    private static SKBitmap Crop(SKBitmap src, SKRectI rect)
    {
        using var view = new SKBitmap();
        src.ExtractSubset(view, rect);
        return view.Copy();
    }

    /// <summary>Grows a box by fractions of its height on each side (characters at the edges get cut otherwise).</summary>
    private static SKRectI Inflate(SKRectI r, SKBitmap src, float padX, float padY)
    {
        int mx = (int)(r.Height * padX), my = (int)(r.Height * padY);
        return new SKRectI(Math.Max(0, r.Left - mx), Math.Max(0, r.Top - my), Math.Min(src.Width, r.Right + mx), Math.Min(src.Height, r.Bottom + my));
    }

    private static byte[] EncodeCrop(SKBitmap src, SKRectI r)
    {
        using var subset = new SKBitmap();
        if (!src.ExtractSubset(subset, r)) return [];
        using var image = SKImage.FromBitmap(subset);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    public void Dispose()
    {
        _detSession.Dispose();
        _recSession.Dispose();
    }
}
