using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;

namespace Alpr.Recognition;

/// <summary>
/// PP-OCRv4 SVTR recogniser with CTC decoding restricted to plate characters: at each step the choice is
/// between "blank" and the best of A–Z/0–9 (lower-case letters fold into upper-case); any other symbol the
/// model prefers (dashes, dots, spaces, ideographs) separates characters instead of becoming one.
/// </summary>
public sealed class TextRecognizer
{
    private const int Height = 48;
    private const int MaxWidth = 480;
    private readonly InferenceSession _session;
    private readonly string _input;
    /// <summary>Class index → plate character (upper-case) or '\0' for everything else; index 0 is blank.</summary>
    private readonly char[] _plateChar;

    public TextRecognizer(InferenceSession session, string dictionaryPath)
    {
        _session = session;
        _input = session.InputMetadata.Keys.First();
        var symbols = File.ReadAllLines(dictionaryPath);
        int classes = symbols.Length + 2; // blank + dictionary + space
        _plateChar = new char[classes];
        for (int i = 0; i < symbols.Length; i++)
        {
            if (symbols[i].Length != 1) continue;
            char c = char.ToUpperInvariant(symbols[i][0]);
            if (c is >= 'A' and <= 'Z' or >= '0' and <= '9') _plateChar[i + 1] = c;
        }
    }

    /// <summary>Reads every crop in one batch (padded to the widest, as PaddleOCR does).</summary>
    public IReadOnlyList<TextLine> Recognize(IReadOnlyList<SKBitmap> crops)
    {
        if (crops.Count == 0) return [];
        var widths = crops.Select(c => Math.Clamp((int)Math.Ceiling(Height * c.Width / (double)c.Height), 16, MaxWidth)).ToArray();
        int batchWidth = Math.Max(widths.Max(), 64);
        var tensor = new DenseTensor<float>([crops.Count, 3, Height, batchWidth]);
        for (int i = 0; i < crops.Count; i++) Fill(crops[i], widths[i], tensor, i, batchWidth);

        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_input, tensor)]);
        var output = (DenseTensor<float>)results[0].AsTensor<float>();
        int steps = output.Dimensions[1], classes = output.Dimensions[2];
        var lines = new TextLine[crops.Count];
        for (int i = 0; i < crops.Count; i++)
            lines[i] = Decode(output.Buffer.Span.Slice(i * steps * classes, steps * classes), steps, classes);
        return lines;
    }

    private static unsafe void Fill(SKBitmap crop, int width, DenseTensor<float> t, int index, int batchWidth)
    {
        using var resized = crop.Resize(new SKImageInfo(width, Height, SKColorType.Bgra8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear));
        var dst = t.Buffer.Span;
        int plane = Height * batchWidth, basePos = index * 3 * plane;
        byte* px = (byte*)resized.GetPixels();
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < width; x++)
            {
                int s = (y * width + x) * 4, d = basePos + y * batchWidth + x;
                dst[d] = (px[s] / 255f - 0.5f) / 0.5f;
                dst[plane + d] = (px[s + 1] / 255f - 0.5f) / 0.5f;
                dst[2 * plane + d] = (px[s + 2] / 255f - 0.5f) / 0.5f;
            }
    }

    private TextLine Decode(ReadOnlySpan<float> probs, int steps, int classes)
    {
        var text = new List<char>();
        var p1 = new List<float>();
        var alt = new List<char>();
        var p2 = new List<float>();
        int previous = -1; // last emitted class; -1 after a blank or separator
        Span<float> byChar = stackalloc float[36];
        for (int t = 0; t < steps; t++)
        {
            var row = probs.Slice(t * classes, classes);
            int top = 0;
            for (int c = 1; c < classes; c++) if (row[c] > row[top]) top = c;
            if (top == 0 || _plateChar[top] == '\0') { previous = -1; continue; }

            byChar.Clear();
            for (int c = 1; c < classes; c++)
                if (_plateChar[c] != '\0') byChar[Slot(_plateChar[c])] += row[c];
            int best = 0, second = 1;
            for (int k = 1; k < 36; k++)
            {
                if (byChar[k] > byChar[best]) { second = best; best = k; }
                else if (k != best && byChar[k] > byChar[second]) second = k;
            }
            char ch = CharOf(best);
            int cls = Slot(ch) + 1000; // class identity for CTC collapsing, folded by character
            if (cls == previous) continue;
            previous = cls;
            text.Add(ch);
            p1.Add(Math.Min(1f, byChar[best]));
            alt.Add(CharOf(second));
            p2.Add(byChar[second]);
        }
        return new TextLine(new string(text.ToArray()), p1.ToArray(), alt.ToArray(), p2.ToArray());
    }

    private static int Slot(char c) => c <= '9' ? c - '0' : c - 'A' + 10;
    private static char CharOf(int slot) => slot < 10 ? (char)('0' + slot) : (char)('A' + slot - 10);
}
