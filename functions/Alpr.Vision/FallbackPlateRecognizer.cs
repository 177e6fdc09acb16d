using Alpr.Core.Plates;
using Alpr.Core.Reads;
using Alpr.Core.Recognition;

namespace Alpr.Vision;

public sealed class FallbackOptions
{
    /// <summary>Below this local confidence (or when the local engine found no plate) the cloud is asked.</summary>
    public double ConfidenceThreshold { get; set; } = 0.8;
    /// <summary>Send the local plate crop when there is one (cheaper, sharper); else the whole image.</summary>
    public bool SendCrop { get; set; } = true;
}

/// <summary>
/// Decorator: the local recogniser reads first; when its best confidence is below the threshold and the cloud client
/// is configured, Azure AI Vision reads the crop (or the image) and the better read wins. The plate's Engine says which
/// engine produced the text ("local+cloud" when they agreed). If the cloud fails, the local read stands.
/// </summary>
public sealed class FallbackPlateRecognizer(IPlateRecognizer local, VisionReadClient? cloud, FallbackOptions? options = null) : IPlateRecognizer
{
    public const string CloudEngine = "azure-vision-read";
    private readonly FallbackOptions _options = options ?? new FallbackOptions();

    public string Engine => cloud is null ? local.Engine : $"{local.Engine}+{CloudEngine}";

    /// <summary>Calls that went to the cloud, and those where the cloud failed (for metrics).</summary>
    public int CloudCalls => _cloudCalls;
    public int CloudFailures => _cloudFailures;
    private int _cloudCalls, _cloudFailures;

    public async Task<RecognitionResult> RecognizeAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken = default)
    {
        var result = await local.RecognizeAsync(image, cancellationToken).ConfigureAwait(false);
        var best = result.Plates.FirstOrDefault();
        if (cloud is null || (best is not null && best.Confidence >= _options.ConfidenceThreshold)) return result;

        ReadOnlyMemory<byte> payload = _options.SendCrop && best?.CropJpeg is { Length: > 0 } crop ? crop : image;
        Interlocked.Increment(ref _cloudCalls);
        VisionReadResult read;
        try { read = await cloud.ReadAsync(payload, cancellationToken).ConfigureAwait(false); }
        catch (VisionReadException)
        {
            Interlocked.Increment(ref _cloudFailures);
            return result; // the local read stands
        }
        var cloudPlate = ChoosePlate(read);
        if (cloudPlate is null) return result;
        var (text, conf) = cloudPlate.Value;

        if (best is null)
        {
            var plate = new RecognizedPlate
            {
                Text = text, Confidence = conf, Engine = CloudEngine,
                Alternatives = [new PlateCandidate(text, conf)],
                Region = UsStates.FromLines(read.Lines.Select(l => PlateText.Normalize(l.Text)).Where(t => t != text))?.Code,
                Polygon = payload.Equals(image) ? LinePolygon(read, text) : [],
            };
            return result with { Plates = [plate] };
        }
        RecognizedPlate merged;
        if (text == best.Text)
            merged = best with { Confidence = Math.Max(best.Confidence, conf), Engine = $"{best.Engine}+{CloudEngine}" };
        else if (conf > best.Confidence)
            merged = best with
            {
                Text = text, Confidence = conf, Engine = CloudEngine,
                Alternatives = [new PlateCandidate(text, conf), .. best.Alternatives.Where(a => a.Text != text)],
            };
        else
            merged = best with { Alternatives = [.. best.Alternatives, new PlateCandidate(text, conf)] };
        return result with { Plates = [merged, .. result.Plates.Skip(1)] };
    }

    /// <summary>Most plate-like line of the cloud read (pattern score + confidence), normalised, or null.</summary>
    public static (string Text, double Confidence)? ChoosePlate(VisionReadResult read)
    {
        (string, double)? best = null; double bestScore = 0.5;
        foreach (var line in read.Lines)
        {
            if (PlateDecoder.ReadText(line.Text, line.Confidence) is not { } reading) continue;
            string t = reading.Text;
            double s = PlateTextRules.Score(t);
            if (s < 0) continue;
            s += 0.8 * line.Confidence;
            if (s > bestScore) { bestScore = s; best = (t, Math.Clamp(line.Confidence, 0, 1)); }
        }
        return best;
    }

    private static IReadOnlyList<PixelPoint> LinePolygon(VisionReadResult read, string text) =>
        read.Lines.FirstOrDefault(l => PlateDecoder.ReadText(l.Text, l.Confidence)?.Text == text)?.Polygon
            .Select(p => new PixelPoint((int)p.X, (int)p.Y)).ToList() ?? [];
}
