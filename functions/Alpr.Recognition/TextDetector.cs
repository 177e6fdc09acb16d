using System.Buffers;
using Microsoft.ML.OnnxRuntime;

namespace Alpr.Recognition;

/// <summary>
/// PP-OCRv4 DB text detector over ONNX Runtime: one session, thread-safe, input tensors rented from a pool and pinned
/// while the model reads them. Finds text lines in a region of an image at a chosen scale.
/// </summary>
public sealed class TextDetector : IDisposable
{
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly DetectorSettings _settings;

    public sealed record DetectorSettings(float Threshold, float BoxThreshold, double UnclipRatio, int MaxBoxes, int MinSide);

    /// <param name="model">The ONNX model's bytes (as read, or after <see cref="Models.ExactGraphFolds"/>).</param>
    public TextDetector(byte[] model, SessionOptions sessionOptions, DetectorSettings settings)
    {
        _session = new InferenceSession(model, sessionOptions);
        _input = _session.InputMetadata.Keys.First();
        _settings = settings;
    }

    /// <summary>Text boxes in image pixels for the region, which is scaled so its longest side is about <paramref name="maxSide"/>
    /// (at most 4× up; regions whose own longest side is under the minimum side are upscaled to it).</summary>
    public List<Quad> Detect(RgbImage img, int rx, int ry, int rw, int rh, int maxSide)
    {
        int longest = Math.Max(rw, rh);
        float scale = Math.Min(4f, (float)maxSide / longest);
        if (longest * scale < _settings.MinSide && longest < _settings.MinSide) scale = Math.Min(4f, (float)_settings.MinSide / longest);
        int dw = Math.Max(32, (int)Math.Round(rw * scale / 32) * 32), dh = Math.Max(32, (int)Math.Round(rh * scale / 32) * 32);
        float sx = (float)rw / dw, sy = (float)rh / dh;
        int plane = dw * dh;
        var buf = ArrayPool<float>.Shared.Rent(3 * plane);
        try
        {
            Fill(img, rx, ry, sx, sy, dw, dh, buf);
            var mem = buf.AsMemory(0, 3 * plane);
            using var pin = mem.Pin(); // ORT reads the managed buffer in place: it must not move
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mem, [1, 3, dh, dw]);
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, [_input], [input], _session.OutputNames);
            var prob = outputs[0].GetTensorDataAsSpan<float>();
            var boxes = DbPostProcess.Boxes(prob, dw, dh, _settings.Threshold, _settings.BoxThreshold, _settings.UnclipRatio, _settings.MaxBoxes);
            return boxes.Select(b => new Quad(b.X0 * sx + rx, b.Y0 * sy + ry, b.X1 * sx + rx, b.Y1 * sy + ry,
                b.X2 * sx + rx, b.Y2 * sy + ry, b.X3 * sx + rx, b.Y3 * sy + ry, b.Score)).ToList();
        }
        finally { ArrayPool<float>.Shared.Return(buf); }
    }

    /// <summary>Resamples the region into BGR planes with ImageNet statistics, the order PaddleOCR trained with.</summary>
    private static void Fill(RgbImage img, int rx, int ry, float sx, float sy, int dw, int dh, float[] buf)
    {
        int plane = dw * dh;
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
                    // 2x2 box average: plain bilinear sampling aliases thin strokes away when shrinking
                    int ix = Math.Clamp((int)(fx + 0.5f), 0, img.Width - 1), iy = Math.Clamp((int)(fy + 0.5f), 0, img.Height - 1);
                    int ix2 = Math.Min(ix + 1, img.Width - 1), iy2 = Math.Min(iy + 1, img.Height - 1);
                    int p0 = (iy * img.Width + ix) * 4, p1 = (iy * img.Width + ix2) * 4, p2 = (iy2 * img.Width + ix) * 4, p3 = (iy2 * img.Width + ix2) * 4;
                    r = (rgba[p0] + rgba[p1] + rgba[p2] + rgba[p3]) * 0.25f;
                    g = (rgba[p0 + 1] + rgba[p1 + 1] + rgba[p2 + 1] + rgba[p3 + 1]) * 0.25f;
                    b = (rgba[p0 + 2] + rgba[p1 + 2] + rgba[p2 + 2] + rgba[p3 + 2]) * 0.25f;
                }
                else (r, g, b) = img.SampleRgb(fx, fy);
                buf[o] = (b / 255f - Mean[0]) / Std[0];
                buf[plane + o] = (g / 255f - Mean[1]) / Std[1];
                buf[2 * plane + o] = (r / 255f - Mean[2]) / Std[2];
            }
        }
    }

    public void Dispose() => _session.Dispose();
}
