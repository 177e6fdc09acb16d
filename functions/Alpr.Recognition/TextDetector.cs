using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;

namespace Alpr.Recognition;

/// <summary>
/// PP-OCRv4 DB text detector: probability map at reduced size, thresholded, connected components as boxes,
/// expanded ("unclipped") the way DB's post-processing does, mapped back to the original image.
/// </summary>
public sealed class TextDetector(InferenceSession session, OnnxRecognizerOptions options)
{
    // ImageNet statistics, applied to B, G, R as PaddleOCR does on cv2's BGR images.
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];
    private readonly string _input = session.InputMetadata.Keys.First();

    public IReadOnlyList<TextBox> Detect(SKBitmap image)
    {
        float scale = Math.Min(1f, options.DetectorMaxSide / (float)Math.Max(image.Width, image.Height));
        int w = Math.Max(32, (int)Math.Round(image.Width * scale / 32) * 32);
        int h = Math.Max(32, (int)Math.Round(image.Height * scale / 32) * 32);
        using var resized = image.Resize(new SKImageInfo(w, h, SKColorType.Bgra8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear));
        var tensor = new DenseTensor<float>([1, 3, h, w]);
        Fill(resized, tensor);

        using var results = session.Run([NamedOnnxValue.CreateFromTensor(_input, tensor)]);
        var map = results[0].AsTensor<float>();
        return Boxes(map, w, h, image.Width / (float)w, image.Height / (float)h, image.Width, image.Height);
    }

    private static unsafe void Fill(SKBitmap bmp, DenseTensor<float> t)
    {
        int w = bmp.Width, h = bmp.Height, plane = w * h;
        var dst = t.Buffer.Span;
        byte* px = (byte*)bmp.GetPixels();
        for (int i = 0; i < plane; i++)
        {
            byte b = px[i * 4], g = px[i * 4 + 1], r = px[i * 4 + 2];
            dst[i] = (b / 255f - Mean[0]) / Std[0];
            dst[plane + i] = (g / 255f - Mean[1]) / Std[1];
            dst[2 * plane + i] = (r / 255f - Mean[2]) / Std[2];
        }
    }

    private List<TextBox> Boxes(Tensor<float> map, int w, int h, float sx, float sy, int imgW, int imgH)
    {
        var prob = ((DenseTensor<float>)map).Buffer.Span;
        var seen = new bool[w * h];
        var stack = new Stack<int>();
        var boxes = new List<TextBox>();
        for (int start = 0; start < w * h; start++)
        {
            if (seen[start] || prob[start] <= options.DetectorThreshold) continue;
            int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1, count = 0;
            float sum = 0;
            stack.Push(start);
            seen[start] = true;
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                int x = p % w, y = p / w;
                count++;
                sum += prob[p];
                if (x < minX) minX = x; if (x > maxX) maxX = x;
                if (y < minY) minY = y; if (y > maxY) maxY = y;
                foreach (int n in (ReadOnlySpan<int>)[x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1])
                    if (n >= 0 && !seen[n] && prob[n] > options.DetectorThreshold) { seen[n] = true; stack.Push(n); }
            }
            int bw = maxX - minX + 1, bh = maxY - minY + 1;
            if (count < 6 || bh < 3) continue;
            float score = sum / count;
            if (score < options.BoxThreshold) continue;
            // DB "unclip": grow the shrunk kernel by area * ratio / perimeter.
            float d = bw * bh * options.UnclipRatio / (2f * (bw + bh));
            int x0 = Math.Clamp((int)((minX - d) * sx), 0, imgW - 1), y0 = Math.Clamp((int)((minY - d) * sy), 0, imgH - 1);
            int x1 = Math.Clamp((int)Math.Ceiling((maxX + 1 + d) * sx), 1, imgW), y1 = Math.Clamp((int)Math.Ceiling((maxY + 1 + d) * sy), 1, imgH);
            if (x1 - x0 >= 4 && y1 - y0 >= 4) boxes.Add(new TextBox(new SKRectI(x0, y0, x1, y1), score));
        }
        return boxes;
    }
}
