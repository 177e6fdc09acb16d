using Alpr.Core.Plates;

namespace Alpr.Recognition.Rules;

/// <summary>Result of decoding one CTC sequence: the greedy text, its confidence, and every character's options.</summary>
public sealed record CtcRead(string Text, double Confidence, IReadOnlyList<CharSlot> Slots)
{
    /// <summary>For each character, the first and last time step at which it was read (empty when not known).</summary>
    public IReadOnlyList<StepSpan> Spans { get; init; } = [];
    /// <summary>For each character, the time step at which it was read most confidently (its options come from there).</summary>
    public IReadOnlyList<int> Peaks { get; init; } = [];
    /// <summary>For each character, the recogniser's feature vector at its peak step (empty when the model gives none).</summary>
    public IReadOnlyList<float[]> Features { get; init; } = [];
    public IReadOnlyList<double> CharConfidences => Slots.Select(s => s.Best.P).ToList();
    public static CtcRead Empty { get; } = new("", 0, []);
}

/// <summary>The time steps of the recogniser's output over which one character was read.</summary>
public readonly record struct StepSpan(int First, int Last);

/// <summary>
/// Greedy CTC decoding restricted to plate characters: every class that is not A–Z/0–9 is masked out of the argmax
/// (separators such as space, '-', '·' count as blank). Lower-case letters are folded into upper case. For every
/// emitted character the top plate characters at its most confident time step are kept, so the plate grammar can
/// later prefer a close runner-up.
/// </summary>
public sealed class CtcPlateDecoder
{
    private const int SlotOptions = 3;
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
    public CtcRead Decode(ReadOnlySpan<float> probs, int steps)
    {
        int classes = _classToChar.Length;
        var chars = new List<char>();
        var slots = new List<CharSlot>();
        var peak = new List<double>();
        var spans = new List<StepSpan>();
        var peaks = new List<int>();
        int prev = -2;
        Span<float> acc = stackalloc float[128];
        for (int t = 0; t < steps; t++)
        {
            float blank = Accumulate(probs.Slice(t * classes, classes), acc);
            int best = -1;
            for (int ch = '0'; ch <= 'Z'; ch++)
                if (acc[ch] > 0 && (best < 0 || acc[ch] > acc[best])) best = ch;
            if (best < 0 || blank >= acc[best]) { prev = -2; continue; }
            if (best == prev)
            {
                // the same character continues: keep its most confident step
                if (acc[best] > peak[^1]) { peak[^1] = acc[best]; slots[^1] = Slot(acc); peaks[^1] = t; }
                spans[^1] = spans[^1] with { Last = t };
                continue;
            }
            chars.Add((char)best);
            spans.Add(new StepSpan(t, t));
            peak.Add(acc[best]);
            peaks.Add(t);
            slots.Add(Slot(acc));
            prev = best;
        }
        if (chars.Count == 0) return CtcRead.Empty;
        double conf = Math.Clamp(peak.Average() * Math.Pow(peak.Min(), 0.25), 0, 1);
        return new CtcRead(new string(chars.ToArray()), conf, slots) { Spans = spans, Peaks = peaks };
    }

    /// <summary>
    /// The options of a character read at one time step (<paramref name="row"/>: that step's probabilities) with each
    /// plate character's probability multiplied by <paramref name="factor"/>, rescaled so the first option keeps the
    /// probability the first option had: the factor may change which character it is, not how sure the step is that
    /// there is one (a bolt or a stray mark must stay as easy to drop).
    /// </summary>
    public CharSlot Reweighed(ReadOnlySpan<float> row, Func<char, double> factor)
    {
        Span<float> acc = stackalloc float[128];
        Accumulate(row, acc);
        double before = 0, after = 0;
        for (int ch = '0'; ch <= 'Z'; ch++)
        {
            if (acc[ch] <= 0) continue;
            before = Math.Max(before, acc[ch]);
            acc[ch] = (float)(acc[ch] * factor((char)ch));
            after = Math.Max(after, acc[ch]);
        }
        if (after > 0) for (int ch = '0'; ch <= 'Z'; ch++) acc[ch] = (float)(acc[ch] * before / after);
        return Slot(acc);
    }

    /// <summary>Sums one step's probabilities into plate characters (upper and lower case as one); returns the blank's.</summary>
    private float Accumulate(ReadOnlySpan<float> row, Span<float> acc)
    {
        acc.Clear();
        float blank = 0;
        for (int k = 0; k < _classToChar.Length; k++)
        {
            int m = _classToChar[k];
            if (m >= 0) acc[m] += row[k];
            else if (m == -2) blank += row[k];
        }
        return blank;
    }

    private static CharSlot Slot(ReadOnlySpan<float> acc)
    {
        Span<int> top = stackalloc int[SlotOptions];
        top.Fill(-1);
        for (int ch = '0'; ch <= 'Z'; ch++)
        {
            if (acc[ch] <= 0) continue;
            for (int i = 0; i < SlotOptions; i++)
            {
                if (top[i] >= 0 && acc[top[i]] >= acc[ch]) continue;
                for (int j = SlotOptions - 1; j > i; j--) top[j] = top[j - 1];
                top[i] = ch;
                break;
            }
        }
        var options = new List<CharOption>(SlotOptions);
        foreach (int ch in top) if (ch >= 0) options.Add(new CharOption((char)ch, acc[ch]));
        return new CharSlot(options);
    }
}
