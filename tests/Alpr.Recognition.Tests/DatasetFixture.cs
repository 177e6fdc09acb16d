using Alpr.Core.Recognition;

namespace Alpr.Recognition.Tests;

/// <summary>One recogniser for all image tests (models load once), and the dataset folder beside the repo.</summary>
public sealed class RecognizerFixture : IDisposable
{
    public OnnxPlateRecognizer Recognizer { get; } = new(new OnnxRecognizerOptions { IntraOpThreads = 2 });
    public IPlateRecognizer Plain => Recognizer;
    private readonly Lazy<OnnxPlateRecognizer> _alone = new(() => new(new OnnxRecognizerOptions { IntraOpThreads = 2, GlyphMemoryPath = "" }));
    /// <summary>The same recogniser without the plate-glyph memory.</summary>
    public OnnxPlateRecognizer WithoutGlyphMemory => _alone.Value;
    private readonly Lazy<OnnxPlateRecognizer> _asBoxed = new(() => new(new OnnxRecognizerOptions { IntraOpThreads = 2, UprightSlantedLines = null }));
    /// <summary>The same recogniser reading every line through its box as detected, slanted characters and all.</summary>
    public OnnxPlateRecognizer WithoutUprightLines => _asBoxed.Value;
    public void Dispose()
    {
        Recognizer.Dispose();
        if (_alone.IsValueCreated) _alone.Value.Dispose();
        if (_asBoxed.IsValueCreated) _asBoxed.Value.Dispose();
    }

    /// <summary>shared/datasets/openalpr-benchmarks, found upward from the test's base directory.</summary>
    public static string DatasetRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.GetEnvironmentVariable("ALPR_ROOT") ?? "" })
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "datasets", "openalpr-benchmarks");
                if (Directory.Exists(candidate)) return candidate;
            }
        throw new DirectoryNotFoundException("no shared/datasets/openalpr-benchmarks above " + AppContext.BaseDirectory);
    }
}
