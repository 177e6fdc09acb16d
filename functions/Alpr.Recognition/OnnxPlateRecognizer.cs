using System.Buffers;
using System.Diagnostics;
using Alpr.Core.Reads;
using Alpr.Core.Recognition;
using Alpr.Core.Plates;
using Alpr.Recognition.Rules;
using Microsoft.ML.OnnxRuntime;

namespace Alpr.Recognition;

/// <summary>
/// Local plate reader: PP-OCRv4 text detector (DB) and recogniser (SVTR, CTC) over ONNX Runtime.
/// One session per model per instance, created once; thread-safe; tensors rented from a pool.
/// </summary>
public sealed class OnnxPlateRecognizer : IPlateRecognizer, IDisposable
{
    private const int RecHeight = 48;
    private const int RecMaxWidth = 320;
    private static readonly float[] DetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] DetStd = [0.229f, 0.224f, 0.225f];

    private readonly OnnxRecognizerOptions _options;
    private readonly InferenceSession _det;
    private readonly InferenceSession _rec;
    private readonly string _detInput, _recInput;
    private readonly CtcPlateDecoder _decoder;
    private readonly int _classes;

    public string Engine => _options.Engine;

    public OnnxPlateRecognizer(OnnxRecognizerOptions? options = null)
    {
        _options = options ?? new OnnxRecognizerOptions();
        string dir = ModelLocator.Resolve(_options.ModelDirectory);
        var so = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, _options.IntraOpThreads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _det = new InferenceSession(Path.Combine(dir, ModelLocator.DetectorFile), so);
        _rec = new InferenceSession(Path.Combine(dir, ModelLocator.RecognizerFile), so);
        _detInput = _det.InputMetadata.Keys.First();
        _recInput = _rec.InputMetadata.Keys.First();
        var keys = File.ReadAllLines(Path.Combine(dir, ModelLocator.KeysFile));
        var outDims = _rec.OutputMetadata.Values.First().Dimensions;
        _classes = outDims[^1] > 0 ? outDims[^1] : keys.Length + 2;
        _decoder = new CtcPlateDecoder(keys, _classes);
    }

    public Task<RecognitionResult> RecognizeAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ImageGuard.Check(image.Span, _options.MaxImageBytes);
        var img = RgbImage.Decode(image.Span, _options.MaxPixels);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Recognize(img, cancellationToken));
    }

    /// <summary>Timing breakdown of the last call on this thread (diagnostics for the benchmark).</summary>
    [ThreadStatic] public static double LastDetectMs, LastRecognizeMs;

    public RecognitionResult Recognize(RgbImage img, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        var quads = Detect(img, 0, 0, img.Width, img.Height, _options.DetectorMaxSide);
        if (_options.RefineSmallPlates && !_options.Straightforward) quads = Refine(img, quads);
        LastDetectMs = sw.Elapsed.TotalMilliseconds;
        ct.ThrowIfCancellationRequested();
        var reads = ReadQuads(img, quads);
        LastRecognizeMs = sw.Elapsed.TotalMilliseconds - LastDetectMs;

        var lines = new List<TextLine>(reads.Count);
        for (int i = 0; i < reads.Count; i++)
        {
            var q = quads[i]; var r = reads[i];
            string text = Fix(_options.Straightforward ? r.Text : DropWeakExtra(r));
            lines.Add(new TextLine(text, r.Confidence, q.CenterX, q.CenterY, q.Width, q.Height, r.Alternatives.Select(a => (Fix(a.Text), a.Confidence)).Where(a => a.Item1 != text).Distinct().ToList()));
        }
        if (_options.Trace is { } trace)
            foreach (var l in lines) trace($"  line '{l.Text}' conf {l.Confidence:0.00} at ({l.CenterX:0},{l.CenterY:0}) {l.Width:0}x{l.Height:0} score {PlateChooser.ScoreLine(l, lines):0.00}");
        var allLines = _options.Straightforward ? lines : PlateChooser.WithJoinedNeighbours(lines);
        IReadOnlyList<PlateChoice> choices = _options.Straightforward
            ? lines.Where(l => l.Text.Length is >= 4 and <= 8 && l.Text.Any(char.IsAsciiDigit))
                   .OrderByDescending(l => l.Confidence).Select(l => new PlateChoice(l, l.Confidence)).Take(1).ToList()
            : PlateChooser.Choose(allLines, _options.MinPlateScore);

        var plates = new List<RecognizedPlate>();
        var accepted = new List<Quad>();
        foreach (var choice in choices)
        {
            int idx = lines.IndexOf(choice.Line);
            var l0 = choice.Line;
            var q = idx >= 0 ? quads[idx] : new Quad(
                (float)(l0.CenterX - l0.Width / 2), (float)(l0.CenterY - l0.Height / 2), (float)(l0.CenterX + l0.Width / 2), (float)(l0.CenterY - l0.Height / 2),
                (float)(l0.CenterX + l0.Width / 2), (float)(l0.CenterY + l0.Height / 2), (float)(l0.CenterX - l0.Width / 2), (float)(l0.CenterY + l0.Height / 2), 1f);
            // skip plates overlapping a better one
            if (accepted.Any(a => Overlaps(a, q))) continue;
            accepted.Add(q);
            var (minX, minY, maxX, maxY) = q.Bounds;
            float padX = (maxX - minX) * 0.08f, padY = (maxY - minY) * 0.25f;
            var nearby = lines.Where(l => !choice.Line.Text.Contains(l.Text, StringComparison.Ordinal)).Where(l => !ReferenceEquals(l, choice.Line)
                && Math.Abs(l.CenterX - choice.Line.CenterX) < 1.2 * choice.Line.Width
                && Math.Abs(l.CenterY - choice.Line.CenterY) < 3.5 * choice.Line.Height).Select(l => l.Text);
            var region = UsStates.FromLines(nearby);
            var alts = new List<PlateCandidate> { new(choice.Line.Text, choice.Line.Confidence) };
            foreach (var (t, c) in choice.Line.Alternatives)
                if (PlateText(t) && alts.All(a => a.Text != t)) alts.Add(new PlateCandidate(t, c));
            foreach (var other in choices)
                if (!ReferenceEquals(other, choice) && alts.All(a => a.Text != other.Line.Text) && alts.Count < 8)
                    alts.Add(new PlateCandidate(other.Line.Text, other.Line.Confidence * 0.5));
            plates.Add(new RecognizedPlate
            {
                Text = choice.Line.Text,
                Confidence = Math.Round(choice.Line.Confidence, 4),
                Polygon = [new((int)q.X0, (int)q.Y0), new((int)q.X1, (int)q.Y1), new((int)q.X2, (int)q.Y2), new((int)q.X3, (int)q.Y3)],
                CropJpeg = img.EncodeCrop((int)(minX - padX), (int)(minY - padY), (int)(maxX + padX), (int)(maxY + padY)),
                Alternatives = alts,
                Region = region?.Code,
                RegionConfidence = region is { } rg ? Math.Round(rg.Confidence, 3) : null,
                Engine = Engine,
            });
        }
        return new RecognitionResult(img.Width, img.Height, plates);

        // 8 characters with one much weaker than the rest: usually an emblem or sticker between the groups read as a
        // character (Czech/Slovak plates): drop it.
        static string DropWeakExtra(CtcRead r)
        {
            if (r.Text.Length != 8 || r.CharConfidences.Count != 8) return r.Text;
            int weakest = 0;
            for (int i = 1; i < 8; i++) if (r.CharConfidences[i] < r.CharConfidences[weakest]) weakest = i;
            double others = r.CharConfidences.Where((_, i) => i != weakest).Min();
            return r.CharConfidences[weakest] < 0.75 && others > r.CharConfidences[weakest] + 0.15 ? r.Text.Remove(weakest, 1) : r.Text;
        }
        string Fix(string t) => _options.Straightforward ? t : ConfusableRules.Apply(t);
        static bool PlateText(string t) => t.Length is >= 2 and <= 8;
    }

    private static bool Overlaps(Quad a, Quad b)
    {
        var (ax0, ay0, ax1, ay1) = a.Bounds; var (bx0, by0, bx1, by1) = b.Bounds;
        float iw = Math.Min(ax1, bx1) - Math.Max(ax0, bx0), ih = Math.Min(ay1, by1) - Math.Max(ay0, by0);
        if (iw <= 0 || ih <= 0) return false;
        float inter = iw * ih, small = Math.Min((ax1 - ax0) * (ay1 - ay0), (bx1 - bx0) * (by1 - by0));
        return inter > 0.5f * small;
    }

    /// <summary>
    /// Second look at small text boxes: the region around each plate-shaped box is cut from the full-resolution image,
    /// upscaled and re-detected, which gives tighter boxes for plates that were only a few pixels high in the first pass.
    /// </summary>
    private List<Quad> Refine(RgbImage img, List<Quad> quads)
    {
        var result = new List<Quad>();
        var done = new List<(float, float, float, float)>();
        foreach (var q in quads)
        {
            float h = q.Height, w = q.Width;
            bool plateLike = w > 1.3f * h && w < 12 * h;
            if (!plateLike || h >= 40) { result.Add(q); continue; }
            var (minX, minY, maxX, maxY) = q.Bounds;
            float cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
            float rw = Math.Max(w * 1.6f, h * 4), rh = Math.Max(h * 3.2f, rw * 0.5f);
            int x0 = (int)Math.Max(0, cx - rw / 2), y0 = (int)Math.Max(0, cy - rh / 2);
            int x1 = (int)Math.Min(img.Width, cx + rw / 2), y1 = (int)Math.Min(img.Height, cy + rh / 2);
            if (done.Any(d => cx > d.Item1 && cx < d.Item3 && cy > d.Item2 && cy < d.Item4)) continue;
            done.Add((x0, y0, x1, y1));
            var sub = Detect(img, x0, y0, x1 - x0, y1 - y0, 256);
            if (sub.Count == 0) { result.Add(q); continue; }
            result.AddRange(sub);
        }
        return result.Take(_options.MaxBoxes).ToList();
    }

    /// <summary>Runs the detector on a region of the image scaled so its longest side is about <paramref name="maxSide"/>.</summary>
    private List<Quad> Detect(RgbImage img, int rx, int ry, int rw, int rh, int maxSide)
    {
        int longest = Math.Max(rw, rh);
        float scale = Math.Min(4f, (float)maxSide / longest);
        if (longest * scale < _options.DetectorMinSide && longest < _options.DetectorMinSide) scale = Math.Min(4f, (float)_options.DetectorMinSide / longest);
        int dw = Math.Max(32, (int)Math.Round(rw * scale / 32) * 32), dh = Math.Max(32, (int)Math.Round(rh * scale / 32) * 32);
        float sx = (float)rw / dw, sy = (float)rh / dh;
        int plane = dw * dh;
        var buf = ArrayPool<float>.Shared.Rent(3 * plane);
        try
        {
            var rgba = img.Rgba;
            bool down = sx > 1.5f || sy > 1.5f;
            for (int y = 0; y < dh; y++)
            {
                float fy = ry + (y + 0.5f) * sy - 0.5f;
                for (int x = 0; x < dw; x++)
                {
                    float fx = rx + (x + 0.5f) * sx - 0.5f;
                    int o = y * dw + x;
                    float r, g, b;
                    if (down)
                    {
                        int ix = Math.Clamp((int)(fx + 0.5f), 0, img.Width - 1), iy = Math.Clamp((int)(fy + 0.5f), 0, img.Height - 1);
                        // 2x2 box average for downscaling
                        int ix2 = Math.Min(ix + 1, img.Width - 1), iy2 = Math.Min(iy + 1, img.Height - 1);
                        int p0 = (iy * img.Width + ix) * 4, p1 = (iy * img.Width + ix2) * 4, p2 = (iy2 * img.Width + ix) * 4, p3 = (iy2 * img.Width + ix2) * 4;
                        r = (rgba[p0] + rgba[p1] + rgba[p2] + rgba[p3]) * 0.25f;
                        g = (rgba[p0 + 1] + rgba[p1 + 1] + rgba[p2 + 1] + rgba[p3 + 1]) * 0.25f;
                        b = (rgba[p0 + 2] + rgba[p1 + 2] + rgba[p2 + 2] + rgba[p3 + 2]) * 0.25f;
                    }
                    else (r, g, b) = img.SampleRgb(fx, fy);
                    // PaddleOCR feeds BGR with ImageNet statistics in that channel order
                    buf[o] = (b / 255f - DetMean[0]) / DetStd[0];
                    buf[plane + o] = (g / 255f - DetMean[1]) / DetStd[1];
                    buf[2 * plane + o] = (r / 255f - DetMean[2]) / DetStd[2];
                }
            }
            var mem = buf.AsMemory(0, 3 * plane);
            using var pin = mem.Pin(); // ORT reads the managed buffer in place: it must not move
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mem, [1, 3, dh, dw]);
            using var runOptions = new RunOptions();
            using var outputs = _det.Run(runOptions, [_detInput], [input], _det.OutputNames);
            var prob = outputs[0].GetTensorDataAsSpan<float>();
            var boxes = DbPostProcess.Boxes(prob, dw, dh, _options.DetectorThreshold, _options.BoxScoreThreshold, _options.UnclipRatio, _options.MaxBoxes);
            return boxes.Select(b => new Quad(b.X0 * sx + rx, b.Y0 * sy + ry, b.X1 * sx + rx, b.Y1 * sy + ry, b.X2 * sx + rx, b.Y2 * sy + ry, b.X3 * sx + rx, b.Y3 * sy + ry, b.Score)).ToList();
        }
        finally { ArrayPool<float>.Shared.Return(buf); }
    }

    /// <summary>Warps every quad to a 48-pixel-high strip and reads them in batches of similar width.</summary>
    private List<CtcRead> ReadQuads(RgbImage img, List<Quad> quads)
    {
        var reads = new CtcRead[quads.Count];
        var widths = quads.Select(q => Math.Clamp((int)Math.Round(RecHeight * q.Width / Math.Max(1f, q.Height)), 16, RecMaxWidth)).ToArray();
        var order = Enumerable.Range(0, quads.Count).OrderBy(i => widths[i]).ToArray();
        const int batchSize = 8;
        for (int start = 0; start < order.Length; start += batchSize)
        {
            var batch = order.Skip(start).Take(batchSize).ToArray();
            int bw = (batch.Max(i => widths[i]) + 7) / 8 * 8;
            int plane = RecHeight * bw, per = 3 * plane;
            var buf = ArrayPool<float>.Shared.Rent(per * batch.Length);
            try
            {
                Array.Clear(buf, 0, per * batch.Length);
                for (int k = 0; k < batch.Length; k++) WarpInto(img, quads[batch[k]], widths[batch[k]], bw, buf.AsSpan(k * per, per));
                var mem = buf.AsMemory(0, per * batch.Length);
                using var pin = mem.Pin();
                using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mem, [batch.Length, 3, RecHeight, bw]);
                using var runOptions = new RunOptions();
                using var outputs = _rec.Run(runOptions, [_recInput], [input], _rec.OutputNames);
                var shape = outputs[0].GetTensorTypeAndShape().Shape;
                int steps = (int)shape[1], classes = (int)shape[2];
                var data = outputs[0].GetTensorDataAsSpan<float>();
                for (int k = 0; k < batch.Length; k++)
                    reads[batch[k]] = _decoder.Decode(data.Slice(k * steps * classes, steps * classes), steps);
            }
            finally { ArrayPool<float>.Shared.Return(buf); }
        }
        return reads.ToList();
    }

    /// <summary>Bilinear quad-to-rectangle warp (handles rotated and mildly skewed boxes), normalised to [-1,1], BGR planes.</summary>
    private static void WarpInto(RgbImage img, Quad q, int w, int stride, Span<float> dst)
    {
        int plane = RecHeight * stride;
        for (int y = 0; y < RecHeight; y++)
        {
            float t = (y + 0.5f) / RecHeight;
            float lx = q.X0 + (q.X3 - q.X0) * t, ly = q.Y0 + (q.Y3 - q.Y0) * t;
            float rx = q.X1 + (q.X2 - q.X1) * t, ry = q.Y1 + (q.Y2 - q.Y1) * t;
            for (int x = 0; x < w; x++)
            {
                float s = (x + 0.5f) / w;
                float fx = lx + (rx - lx) * s - 0.5f, fy = ly + (ry - ly) * s - 0.5f;
                int o = y * stride + x;
                var (r, g, b) = img.SampleRgb(fx, fy);
                dst[o] = b / 127.5f - 1f;
                dst[plane + o] = g / 127.5f - 1f;
                dst[2 * plane + o] = r / 127.5f - 1f;
            }
        }
    }

    public void Dispose()
    {
        _det.Dispose();
        _rec.Dispose();
    }
}
