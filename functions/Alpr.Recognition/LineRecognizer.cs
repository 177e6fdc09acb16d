using System.Buffers;
using Alpr.Recognition.Glyphs;
using Alpr.Recognition.Rules;
using Microsoft.ML.OnnxRuntime;

namespace Alpr.Recognition;

/// <summary>
/// PP-OCRv4 SVTR line recogniser over ONNX Runtime: warps each text box to a 48-pixel strip and reads the strips in
/// batches of similar width (one model run per batch). Characters it is unsure of also get options reweighed by their
/// nearest plate characters in a <see cref="GlyphMemory"/>, when one is given. One session, thread-safe.
/// </summary>
public sealed class LineRecognizer : IDisposable
{
    public const int Height = 48;
    public const int MaxWidth = 320;
    private const int BatchSize = 8;
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly CtcPlateDecoder _decoder;
    private readonly string[] _outputs;
    private readonly string? _features;
    private readonly GlyphMemory? _glyphs;
    private readonly GlyphVoteOptions _votes;
    private readonly Action<Memory<float>, long[]>? _batchObserver;
    private readonly StripSlant.Settings? _upright;

    /// <param name="model">The ONNX model's bytes (as read, or after <see cref="Models.ExactGraphFolds"/>).</param>
    /// <param name="featureOutput">The graph output that carries the classifier's input (<see cref="Models.ClassifierInput"/>);
    /// null: the model's reads come without feature vectors, and the glyph memory is not consulted.</param>
    /// <param name="glyphs">Plate characters whose labels reweigh unsure characters; null: the recogniser alone.</param>
    /// <param name="batchObserver">Sees every batch of strips before it is read (calibration); null: none.</param>
    /// <param name="upright">When lines whose characters lean in their box are read through the box that makes them
    /// upright (<see cref="StripSlant"/>); null: never.</param>
    public LineRecognizer(byte[] model, string keysPath, SessionOptions sessionOptions, string? featureOutput = null,
        GlyphMemory? glyphs = null, GlyphVoteOptions? votes = null, Action<Memory<float>, long[]>? batchObserver = null,
        StripSlant.Settings? upright = null)
    {
        _upright = upright;
        _batchObserver = batchObserver;
        _features = featureOutput;
        _session = new InferenceSession(model, sessionOptions);
        _input = _session.InputMetadata.Keys.First();
        _outputs = _features is null ? [_session.OutputNames[0]] : [_session.OutputNames.First(n => n != _features), _features];
        _glyphs = _features is null ? null : glyphs;
        _votes = votes ?? new GlyphVoteOptions();
        var keys = File.ReadAllLines(keysPath);
        var outDims = _session.OutputMetadata.Values.First().Dimensions;
        _decoder = new CtcPlateDecoder(keys, outDims[^1] > 0 ? outDims[^1] : keys.Length + 2);
    }

    /// <summary>Reads every quad; the result is in the order of <paramref name="quads"/>.</summary>
    /// <remarks>Strips are batched up to eight by width and padded to the widest. Splitting batches where widths
    /// differ (padding under 25 %) read 12 % faster on crops but lost 3 US and 3 crop reads: SVTR's reading of a strip
    /// depends on the grey padding after it, and the tuned choices were made with this batching.</remarks>
    public CtcRead[] Read(RgbImage img, IReadOnlyList<Quad> quads)
    {
        var reads = new CtcRead[quads.Count];
        var widths = quads.Select(q => Math.Clamp((int)Math.Round(Height * q.Width / Math.Max(1f, q.Height)), 16, MaxWidth)).ToArray();
        var order = Enumerable.Range(0, quads.Count).OrderBy(i => widths[i]).ToArray();
        for (int start = 0; start < order.Length; start += BatchSize)
        {
            var batch = order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();
            int bw = (batch.Max(i => widths[i]) + 7) / 8 * 8;
            int plane = Height * bw, per = 3 * plane;
            var buf = ArrayPool<float>.Shared.Rent(per * batch.Length);
            try
            {
                // zero = mid grey after normalisation: PaddleOCR pads short strips the same way
                Array.Clear(buf, 0, per * batch.Length);
                for (int k = 0; k < batch.Length; k++)
                {
                    var q = quads[batch[k]];
                    WarpInto(img, _upright is { } u ? StripSlant.ForReading(img, q, u) : q, widths[batch[k]], bw, buf.AsSpan(k * per, per));
                }
                var mem = buf.AsMemory(0, per * batch.Length);
                long[] inputShape = [batch.Length, 3, Height, bw];
                _batchObserver?.Invoke(mem, inputShape);
                using var pin = mem.Pin();
                using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mem, inputShape);
                using var runOptions = new RunOptions();
                using var outputs = _session.Run(runOptions, [_input], [input], _outputs);
                var shape = outputs[0].GetTensorTypeAndShape().Shape;
                int steps = (int)shape[1], classes = (int)shape[2];
                var data = outputs[0].GetTensorDataAsSpan<float>();
                for (int k = 0; k < batch.Length; k++)
                {
                    var probs = data.Slice(k * steps * classes, steps * classes);
                    var read = _decoder.Decode(probs, steps);
                    if (_features is not null) read = WithFeatures(read, probs, classes, outputs[1], k, steps);
                    reads[batch[k]] = quads[batch[k]].Height < StripMarks.MinLineHeight ? read
                        : Marked(read, StripMarks.Find(buf.AsSpan(k * per, per), bw, Height, widths[batch[k]], (double)bw / steps, read));
                }
            }
            finally { ArrayPool<float>.Shared.Return(buf); }
        }
        return reads;
    }

    /// <summary>The read with each character's feature vector, and its unsure characters' options as reweighed by the
    /// glyph memory beside their own (<see cref="CharSlot.Voted"/>).</summary>
    private CtcRead WithFeatures(CtcRead read, ReadOnlySpan<float> probs, int classes, OrtValue featureOutput, int item, int steps)
    {
        if (read.Slots.Count == 0) return read;
        var all = featureOutput.GetTensorDataAsSpan<float>();
        int dim = (int)featureOutput.GetTensorTypeAndShape().Shape[2];
        var features = new float[read.Slots.Count][];
        var slots = read.Slots.ToArray();
        for (int c = 0; c < slots.Length; c++)
        {
            int t = read.Peaks[c];
            features[c] = all.Slice((item * steps + t) * dim, dim).ToArray();
            if (_glyphs is null || _glyphs.Dim != dim || slots[c].Best.P >= _votes.ApplyBelow) continue;
            var neighbours = _glyphs.Nearest(features[c], _votes.Neighbours);
            var voted = _decoder.Reweighed(probs.Slice(t * classes, classes), ch => GlyphVotes.Factor(ch, neighbours, _votes));
            slots[c] = slots[c] with { Voted = voted.Options };
        }
        return read with { Slots = slots, Features = features };
    }

    private static CtcRead Marked(CtcRead read, StripMarkings marks) => !marks.Any ? read : read with
    {
        Slots = read.Slots.Select((s, i) => s with { Stacked = marks.Stacked[i], Emblem = marks.Emblem[i] }).ToList(),
    };

    /// <summary>Bilinear quad-to-rectangle warp (handles rotated and mildly skewed boxes), normalised to [-1,1], BGR planes.</summary>
    private static void WarpInto(RgbImage img, Quad q, int w, int stride, Span<float> dst)
    {
        int plane = Height * stride;
        for (int y = 0; y < Height; y++)
        {
            float t = (y + 0.5f) / Height;
            for (int x = 0; x < w; x++)
            {
                var (px, py) = q.PointAt((x + 0.5f) / w, t);
                int o = y * stride + x;
                var (r, g, b) = img.SampleRgb(px - 0.5f, py - 0.5f);
                dst[o] = b / 127.5f - 1f;
                dst[plane + o] = g / 127.5f - 1f;
                dst[2 * plane + o] = r / 127.5f - 1f;
            }
        }
    }

    public void Dispose() => _session.Dispose();
}
