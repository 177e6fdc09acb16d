using System.Globalization;
using System.Security.Cryptography;

namespace Alpr.Recognition.Models;

/// <summary>
/// Calibrated value ranges of named tensors of one model (the inputs and outputs of the convolutions
/// <see cref="PointwiseInt8"/> quantises), as written by <c>./alpr train int8</c>. The file names the SHA-256 of the
/// published model it was measured on; ranges of another model are not used.
/// </summary>
public sealed record ActivationRanges(string ModelSha256, IReadOnlyDictionary<string, (float Min, float Max)> Ranges)
{
    private const string Header = "# alpr activation ranges v1 model-sha256";

    public static string Sha256Of(byte[] model) => Convert.ToHexStringLower(SHA256.HashData(model));

    public static ActivationRanges Load(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !lines[0].StartsWith(Header + " ", StringComparison.Ordinal))
            throw new InvalidDataException($"{path}: not an activation range file (first line must be '{Header} <hex>')");
        var ranges = new Dictionary<string, (float, float)>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split(' ');
            if (f.Length != 3 || !TryParse(f[1], out float min) || !TryParse(f[2], out float max) || !(min <= max))
                throw new InvalidDataException($"{path}: bad line '{line}' (want: tensor min max)");
            ranges[f[0]] = (min, max);
        }
        return new ActivationRanges(lines[0][(Header.Length + 1)..].Trim(), ranges);
    }

    public void Save(string path)
    {
        using var w = new StreamWriter(path);
        w.WriteLine($"{Header} {ModelSha256}");
        foreach (var (name, (min, max)) in Ranges.OrderBy(r => r.Key, StringComparer.Ordinal))
            w.WriteLine(FormattableString.Invariant($"{name} {min:R} {max:R}"));
    }

    private static bool TryParse(string s, out float v) => float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v);
}
