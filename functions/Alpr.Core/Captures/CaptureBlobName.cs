using System.Globalization;
using System.Text.RegularExpressions;

namespace Alpr.Core.Captures;

/// <summary>
/// The one blob name a camera may write: <c>{cameraId}/{yyyy}/{MM}/{dd}/{captureId}.jpg</c> inside the
/// <c>captures</c> container. The date is the UTC date the upload was authorised.
/// </summary>
public sealed partial record CaptureBlobName(string CameraId, DateOnly Day, string CaptureId)
{
    public const string Container = "captures";

    public string Name => $"{CameraId}/{Day:yyyy}/{Day:MM}/{Day:dd}/{CaptureId}.jpg";

    public override string ToString() => Name;

    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>Parses a blob name (with or without the container prefix); false for anything else.</summary>
    public static bool TryParse(string? blobName, out CaptureBlobName? parsed)
    {
        parsed = null;
        if (blobName is null) return false;
        if (blobName.StartsWith(Container + "/", StringComparison.Ordinal)) blobName = blobName[(Container.Length + 1)..];
        var m = NamePattern().Match(blobName);
        if (!m.Success) return false;
        if (!DateOnly.TryParseExact($"{m.Groups[2].Value}-{m.Groups[3].Value}-{m.Groups[4].Value}", "yyyy-MM-dd",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return false;
        parsed = new CaptureBlobName(m.Groups[1].Value, day, m.Groups[5].Value);
        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^([A-Za-z0-9_-]{1,64})/(\\d{4})/(\\d{2})/(\\d{2})/([A-Za-z0-9_-]{1,64})\\.jpg$")]
    private static partial Regex NamePattern();
}
