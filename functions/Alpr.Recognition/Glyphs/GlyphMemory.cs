using System.Numerics;
using System.Text;

namespace Alpr.Recognition.Glyphs;

/// <summary>One plate character as the recogniser saw it: its label, the plate it came from (<see cref="GlyphMemory.GroupOf"/>),
/// and the recogniser's feature vector at the character's most confident time step.</summary>
public sealed record GlyphSample(char Char, uint Group, float[] Features);

/// <summary>
/// Plate characters the recogniser has seen, with their true labels: a nearest-neighbour model over the recogniser's
/// own features (the input of its classifier), trained by <c>./alpr train glyphs</c> on labelled plates. PP-OCR was
/// trained on general text; plate fonts draw G/6, 4/L, B/8, 1/I in ways it confuses, and a character's nearest
/// neighbours among real plate characters of the same font tell them apart. Immutable and thread-safe.
/// O and 0 are one symbol here (labels spell that glyph both ways).
/// </summary>
public sealed class GlyphMemory
{
    private const string Magic = "ALPRGLY1";
    private readonly float[] _features; // unit length, Count × Dim
    private readonly char[] _chars;
    private readonly uint[] _groups;

    public int Dim { get; }
    public int Count => _chars.Length;

    private GlyphMemory(int dim, float[] features, char[] chars, uint[] groups)
    {
        Dim = dim; _features = features; _chars = chars; _groups = groups;
    }

    /// <summary>The memory of the samples (features are normalised to unit length; O is stored as 0).</summary>
    public static GlyphMemory Build(IReadOnlyList<GlyphSample> samples)
    {
        if (samples.Count == 0) throw new ArgumentException("no samples", nameof(samples));
        int dim = samples[0].Features.Length;
        var features = new float[samples.Count * dim];
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples[i].Features.Length != dim) throw new ArgumentException("samples differ in feature length", nameof(samples));
            Normalised(samples[i].Features, features.AsSpan(i * dim, dim));
        }
        return new GlyphMemory(dim, features, samples.Select(s => Fold(s.Char)).ToArray(), samples.Select(s => s.Group).ToArray());
    }

    /// <summary>The group of a plate: a hash of its text with O as 0, so every image of one plate is one group and a
    /// benchmark can hold that plate's characters out (<see cref="HoldOut"/>).</summary>
    public static uint GroupOf(string plate)
    {
        uint h = 2166136261;
        foreach (char c in Alpr.Core.Plates.PlateText.Normalize(plate)) { h ^= Fold(c); h *= 16777619; }
        return h;
    }

    /// <summary>The labels of the <paramref name="k"/> stored characters nearest (cosine) to <paramref name="features"/>,
    /// leaving out the group held out (<see cref="HoldOut"/>).</summary>
    public char[] Nearest(ReadOnlySpan<float> features, int k)
    {
        if (features.Length != Dim) throw new ArgumentException($"expected {Dim} features", nameof(features));
        Span<float> q = stackalloc float[Dim];
        Normalised(features, q);
        var bestSim = new float[k]; var bestAt = new int[k];
        bestSim.AsSpan().Fill(float.NegativeInfinity); bestAt.AsSpan().Fill(-1);
        uint? held = HeldOutGroup.Value;
        for (int i = 0; i < _chars.Length; i++)
        {
            if (held == _groups[i]) continue;
            float s = Dot(q, _features.AsSpan(i * Dim, Dim));
            if (s <= bestSim[k - 1]) continue;
            int j = k - 1;
            for (; j > 0 && bestSim[j - 1] < s; j--) { bestSim[j] = bestSim[j - 1]; bestAt[j] = bestAt[j - 1]; }
            bestSim[j] = s; bestAt[j] = i;
        }
        return bestAt.Where(i => i >= 0).Select(i => _chars[i]).ToArray();
    }

    private static readonly AsyncLocal<uint?> HeldOutGroup = new();

    /// <summary>Leaves one plate's characters out of every query in this flow of execution until disposed: a benchmark over the
    /// images the memory was trained on measures it on plates it has not seen (leave-one-plate-out).</summary>
    public static IDisposable HoldOut(uint group) => new HeldOut(group);

    private sealed class HeldOut : IDisposable
    {
        private readonly uint? _previous;
        public HeldOut(uint group) { _previous = HeldOutGroup.Value; HeldOutGroup.Value = group; }
        public void Dispose() => HeldOutGroup.Value = _previous;
    }

    /// <summary>O is stored and compared as 0.</summary>
    public static char Fold(char c) => char.ToUpperInvariant(c) == 'O' ? '0' : char.ToUpperInvariant(c);

    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true);
        w.Write(Encoding.ASCII.GetBytes(Magic));
        w.Write(Dim); w.Write(Count);
        for (int i = 0; i < Count; i++)
        {
            w.Write((byte)_chars[i]); w.Write(_groups[i]);
            for (int d = 0; d < Dim; d++) w.Write((Half)_features[i * Dim + d]);
        }
    }

    public static GlyphMemory Read(Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.ASCII, leaveOpen: true);
        if (Encoding.ASCII.GetString(r.ReadBytes(Magic.Length)) != Magic) throw new InvalidDataException("not a glyph memory file");
        int dim = r.ReadInt32(), count = r.ReadInt32();
        if (dim is <= 0 or > 4096 || count is <= 0 or > 10_000_000) throw new InvalidDataException($"glyph memory header out of range ({dim} × {count})");
        var features = new float[count * dim]; var chars = new char[count]; var groups = new uint[count];
        var row = new float[dim];
        for (int i = 0; i < count; i++)
        {
            chars[i] = (char)r.ReadByte(); groups[i] = r.ReadUInt32();
            for (int d = 0; d < dim; d++) row[d] = (float)r.ReadHalf();
            Normalised(row, features.AsSpan(i * dim, dim));
        }
        return new GlyphMemory(dim, features, chars, groups);
    }

    public static GlyphMemory Load(string path)
    {
        using var f = File.OpenRead(path);
        return Read(f);
    }

    private static void Normalised(ReadOnlySpan<float> x, Span<float> into)
    {
        float n = MathF.Sqrt(Dot(x, x));
        for (int i = 0; i < x.Length; i++) into[i] = n > 0 ? x[i] / n : 0;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0; var acc = Vector<float>.Zero;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count) acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        float s = Vector.Sum(acc);
        for (; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
