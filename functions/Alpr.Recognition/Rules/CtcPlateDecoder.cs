namespace Alpr.Recognition.Rules;

/// <summary>Result of decoding one CTC sequence: the text, per-character confidence and runner-up readings.</summary>
public sealed record CtcRead(string Text, double Confidence, IReadOnlyList<double> CharConfidences, IReadOnlyList<(string Text, double Confidence)> Alternatives);

/// <summary>
/// Greedy CTC decoding restricted to plate characters: every class that is not A–Z/0–9 is masked out of the argmax
/// (separators such as space, '-', '·' count as blank). Lower-case letters are folded into upper case.
/// Alternatives come from the second-best plate character at the least certain positions.
/// </summary>
public sealed class CtcPlateDecoder
{
    private readonly int[] _classToChar; // -1 masked, -2 blank/separator, else char code
    public int ClassCount => _classToChar.Length;

    /// <param name="keys">The model's dictionary lines; class 0 is blank, class i is keys[i-1], the last class is space.</param>
    public CtcPlateDecoder(IReadOnlyList<string> keys, int classCount)
    {
        _classToChar = new int[classCount];
        _classToChar[0] = -2;
        for (int i = 1; i < classCount; i++)
        {
            string k = i - 1 < keys.Count ? keys[i - 1] : " ";
            if (k.Length == 1)
            {
                char c = char.ToUpperInvariant(k[0]);
                if (c is >= 'A' and <= 'Z' or >= '0' and <= '9') { _classToChar[i] = c; continue; }
                if (c is ' ' or '-' or '·' or '.' or '•') { _classToChar[i] = -2; continue; }
            }
            _classToChar[i] = -1;
        }
    }

    /// <summary>Decode one sequence of <paramref name="steps"/> × <see cref="ClassCount"/> probabilities.</summary>
    public CtcRead Decode(ReadOnlySpan<float> probs, int steps, int maxAlternatives = 5)
    {
        int C = _classToChar.Length;
        var chars = new List<char>();
        var confs = new List<double>();
        var seconds = new List<(char C, double P)>();
        int prev = -2;
        Span<float> acc = stackalloc float[128];
        for (int t = 0; t < steps; t++)
        {
            var row = probs.Slice(t * C, C);
            acc.Clear();
            float blank = 0;
            for (int k = 0; k < C; k++)
            {
                int m = _classToChar[k];
                if (m >= 0) acc[m] += row[k];
                else if (m == -2) blank += row[k];
            }
            int best = -1, second = -1;
            for (int ch = '0'; ch <= 'Z'; ch++)
            {
                if (acc[ch] <= 0) continue;
                if (best < 0 || acc[ch] > acc[best]) { second = best; best = ch; }
                else if (second < 0 || acc[ch] > acc[second]) second = ch;
            }
            if (best < 0 || blank >= acc[best]) { prev = -2; continue; }
            if (best == prev)
            {
                // same char continuing: keep the better confidence
                confs[^1] = Math.Max(confs[^1], acc[best]);
                continue;
            }
            chars.Add((char)best);
            confs.Add(acc[best]);
            seconds.Add(second >= 0 ? ((char)second, acc[second]) : ('\0', 0));
            prev = best;
        }
        string text = new(chars.ToArray());
        double conf = confs.Count == 0 ? 0 : confs.Average() * Math.Pow(confs.Min(), 0.25) ;
        conf = Math.Clamp(conf, 0, 1);
        var alts = new List<(string, double)>();
        // one-character substitutions at the least certain positions
        var order = Enumerable.Range(0, chars.Count).Where(i => seconds[i].C != '\0')
            .OrderByDescending(i => seconds[i].P / Math.Max(confs[i], 1e-6)).Take(maxAlternatives).ToList();
        foreach (int i in order)
        {
            var alt = chars.ToArray();
            alt[i] = seconds[i].C;
            double ratio = seconds[i].P / Math.Max(confs[i], 1e-6);
            alts.Add((new string(alt), conf * Math.Min(1, ratio)));
        }
        return new CtcRead(text, conf, confs, alts);
    }
}
