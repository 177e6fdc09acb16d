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
        float scale = Scale(Math.Max(rw, rh), maxSide);
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

    /// <summary>How much a region whose longest side is <paramref name="longest"/> is scaled for the detector at <paramref name="maxSide"/>.</summary>
    public float Scale(int longest, int maxSide)
    {
        float scale = Math.Min(4f, (float)maxSide / longest);
        if (longest * scale < _settings.MinSide && longest < _settings.MinSide) scale = Math.Min(4f, (float)_settings.MinSide / longest);
        return scale;
    }

    /// <summary>Resamples the region into BGR planes with ImageNet statistics, the order PaddleOCR trained with.</summary>
    private static void Fill(RgbImage img, int rx, int ry, float sx, float sy, int dw, int dh, float[] buf)
    {
        if (sx > 1.5f || sy > 1.5f) FillBoxAverage(img, rx, ry, sx, sy, dw, dh, buf);
        else FillBilinear(img, rx, ry, sx, sy, dw, dh, buf);
    }

    /// <summary>2×2 box average when shrinking: plain bilinear sampling aliases thin strokes away.</summary>
    /// <remarks>The block starts one source pixel right of and below the output pixel's footprint (<c>(int)(fx + 0.5f)</c>
    /// where the footprint starts at <c>(int)fx</c>). It is kept because the tuned choices were made with it: an exact area
    /// average read US −6, EU +1 (docs/recognition.md, "How far to trust the US figure").</remarks>
    private static void FillBoxAverage(RgbImage img, int rx, int ry, float sx, float sy, int dw, int dh, float[] buf)
    {
        int plane = dw * dh;
        var rgba = img.Rgba;
        for (int y = 0; y < dh; y++)
        {
            float fy = ry + (y + 0.5f) * sy - 0.5f;
            for (int x = 0; x < dw; x++)
            {
                float fx = rx + (x + 0.5f) * sx - 0.5f;
                int o = y * dw + x;
                int ix = Math.Clamp((int)(fx + 0.5f), 0, img.Width - 1), iy = Math.Clamp((int)(fy + 0.5f), 0, img.Height - 1);
                int ix2 = Math.Min(ix + 1, img.Width - 1), iy2 = Math.Min(iy + 1, img.Height - 1);
                int p0 = (iy * img.Width + ix) * 4, p1 = (iy * img.Width + ix2) * 4, p2 = (iy2 * img.Width + ix) * 4, p3 = (iy2 * img.Width + ix2) * 4;
                float r = (rgba[p0] + rgba[p1] + rgba[p2] + rgba[p3]) * 0.25f;
                float g = (rgba[p0 + 1] + rgba[p1 + 1] + rgba[p2 + 1] + rgba[p3 + 1]) * 0.25f;
                float b = (rgba[p0 + 2] + rgba[p1 + 2] + rgba[p2 + 2] + rgba[p3 + 2]) * 0.25f;
                buf[o] = (b / 255f - Mean[0]) / Std[0];
                buf[plane + o] = (g / 255f - Mean[1]) / Std[1];
                buf[2 * plane + o] = (r / 255f - Mean[2]) / Std[2];
            }
        }
    }

    /// <summary>
    /// <see cref="RgbImage.SampleRgb"/> at every output pixel, with the column and row terms worked out once instead of
    /// per pixel (the same arithmetic, so the same values): a 1280-px detailed pass spent 27 ms here.
    /// </summary>
    private static void FillBilinear(RgbImage img, int rx, int ry, float sx, float sy, int dw, int dh, float[] buf)
    {
        int plane = dw * dh, width = img.Width;
        var p = img.Rgba;
        var cx0 = new int[dw]; var cx1 = new int[dw]; var cfx = new float[dw];
        for (int x = 0; x < dw; x++)
        {
            float fx = rx + (x + 0.5f) * sx - 0.5f;
            if (!(fx >= 0)) fx = 0;
            if (fx > width - 1) fx = width - 1;
            int x0 = (int)fx;
            cx0[x] = x0 * 4; cx1[x] = Math.Min(x0 + 1, width - 1) * 4; cfx[x] = fx - x0;
        }
        for (int y = 0; y < dh; y++)
        {
            float fy = ry + (y + 0.5f) * sy - 0.5f;
            if (!(fy >= 0)) fy = 0;
            if (fy > img.Height - 1) fy = img.Height - 1;
            int y0 = (int)fy, y1 = Math.Min(y0 + 1, img.Height - 1);
            float ty = fy - y0;
            int row0 = y0 * width * 4, row1 = y1 * width * 4;
            for (int x = 0; x < dw; x++)
            {
                float tx = cfx[x];
                float w00 = (1 - tx) * (1 - ty), w01 = tx * (1 - ty), w10 = (1 - tx) * ty, w11 = tx * ty;
                int a = row0 + cx0[x], b = row0 + cx1[x], c = row1 + cx0[x], d = row1 + cx1[x];
                float r = p[a] * w00 + p[b] * w01 + p[c] * w10 + p[d] * w11;
                float g = p[a + 1] * w00 + p[b + 1] * w01 + p[c + 1] * w10 + p[d + 1] * w11;
                float bl = p[a + 2] * w00 + p[b + 2] * w01 + p[c + 2] * w10 + p[d + 2] * w11;
                int o = y * dw + x;
                buf[o] = (bl / 255f - Mean[0]) / Std[0];
                buf[plane + o] = (g / 255f - Mean[1]) / Std[1];
                buf[2 * plane + o] = (r / 255f - Mean[2]) / Std[2];
            }
        }
    }

    public void Dispose() => _session.Dispose();
}
