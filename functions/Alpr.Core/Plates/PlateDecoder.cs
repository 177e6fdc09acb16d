namespace Alpr.Core.Plates;

/// <summary>A reading of one text line as a plate: text, combined log score, confidence in [0,1], matched format.</summary>
public sealed record PlateHypothesis(string Text, double Score, double Confidence, PlateFormat? Format);

/// <summary>Tuning of <see cref="PlateDecoder"/>. Scores are natural logarithms.</summary>
public sealed record PlateDecoderOptions
{
    /// <summary>Runner-up characters below this probability are not considered.</summary>
    public double MinOptionP { get; init; } = 0.02;
    /// <summary>Cost of a reading that fits no known format (vanity plates, or a misread).</summary>
    public double UnknownFormatPenalty { get; init; } = 3.0;
    /// <summary>O/0 and I/1 are often drawn alike on plates: the other reading is always considered, with at least this
    /// fraction of the first one's probability.</summary>
    public double LookAlikeShare { get; init; } = 0.2;
    /// <summary>Pairs plate fonts make hard for a general text recogniser (G/6, B/8, S/5, Z/2, D/0): the other member
    /// is always considered with at least this fraction of the first one's probability, so a reading that fits no
    /// format can become the one that fits.</summary>
    public double ConfusableShare { get; init; } = 0.05;
    /// <summary>A character read with less than this probability may be an artefact (bolt, sticker, frame edge).</summary>
    public double DropBelow { get; init; } = 0.6;
    /// <summary>Extra cost of dropping such a character, on top of the log odds it was real.</summary>
    public double DropPenalty { get; init; } = 0.7;
    public int Beam { get; init; } = 48;
    /// <summary>Keep O (rather than 0) at the letter positions of a matched US format.</summary>
    public bool UsLetterO { get; init; }
    /// <summary>Probability that a stacked mark at either end of the line (<see cref="CharSlot.Stacked"/>) or an emblem
    /// (<see cref="CharSlot.Emblem"/>, at most one a line) is nevertheless a character of the number: reading it costs
    /// the log of this, leaving it out costs nothing.</summary>
    public double MarkKeep { get; init; } = 0.1;
    public static PlateDecoderOptions Default { get; } = new();
}

/// <summary>
/// Turns per-character posteriors into plate readings with the plate grammar as a prior: each reading's score is the
/// log probability of its characters plus the log weight of the best format it fits (or a penalty when none), the
/// format's weight scaled by how likely its numbering system is for this line (<see cref="FamilyCue"/>).
/// US readings write the letter O as 0: US registrations do not tell them apart. Pure: no image, no model.
/// </summary>
public static class PlateDecoder
{
    public static IReadOnlyList<PlateHypothesis> Decode(IReadOnlyList<CharSlot> slots, IReadOnlyList<PlateFormat> formats,
        PlateDecoderOptions? options = null, int max = 6, FamilyCue? cue = null)
    {
        var o = options ?? PlateDecoderOptions.Default;
        var families = cue ?? FamilyCue.Neutral;
        if (slots.Count == 0) return [];
        var beam = new List<(string Text, double LogP, double SumP, double MinP, int Dropped)> { ("", 0, 0, 1, 0) };
        for (int i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            var next = new List<(string, double, double, double, int)>(beam.Count * 4);
            var slotOptions = WithLookAlikes(slot, o);
            bool stacked = slot.Stacked && AtEnd(slots, i);
            foreach (var (text, logP, sumP, minP, dropped) in beam)
            {
                // an emblem is left out at most once a line (one between the groups), like any dropped character
                bool emblem = slot.Emblem && dropped == 0, mark = stacked || emblem;
                double keep = mark ? Math.Log(o.MarkKeep) : 0;
                for (int k = 0; k < slotOptions.Count; k++)
                {
                    var opt = slotOptions[k];
                    if (k > 0 && opt.P < o.MinOptionP) continue;
                    double p = Math.Max(opt.P, 1e-4);
                    next.Add((text + opt.Char, logP + Math.Log(p) + keep, sumP + p, Math.Min(minP, p), dropped));
                }
                double best = slot.Best.P;
                if (mark)
                    next.Add((text, logP, sumP, minP, emblem ? dropped + 1 : dropped));
                else if (best < o.DropBelow && dropped == 0)
                    next.Add((text, logP + Math.Log(Math.Max(1e-4, 1 - best)) - o.DropPenalty, sumP, minP, dropped + 1));
            }
            beam = next.OrderByDescending(b => b.Item2).Take(o.Beam).ToList();
        }

        // keyed by the format's rendering, so spellings of one registration (O and 0, I and 1 on a US plate) add up;
        // spelt as the likeliest of them, which is the format's choice only when the recogniser's own is in doubt
        var results = new Dictionary<string, (PlateHypothesis Hypothesis, double SpellingScore)>(StringComparer.Ordinal);
        foreach (var (text, logP, sumP, minP, _) in beam)
        {
            if (text.Length is < 2 or > 8) continue;
            var (format, prior) = BestFormat(text, formats, o, families);
            var family = format?.Family ?? families.Likeliest;
            string key = Render(text, format, family, o.UsLetterO);
            string spelt = Render(text, null, family, o.UsLetterO);
            double total = logP + prior;
            double conf = Math.Clamp(sumP / text.Length * Math.Pow(minP, 0.25), 0, 1) * (format is null ? 0.9 : 1.0);
            if (!results.TryGetValue(key, out var seen))
                results[key] = (new PlateHypothesis(spelt, total, conf, format), total);
            else
                results[key] = (seen.Hypothesis with
                {
                    Text = total > seen.SpellingScore ? spelt : seen.Hypothesis.Text,
                    Score = LogAdd(seen.Hypothesis.Score, total),
                    Confidence = Math.Max(seen.Hypothesis.Confidence, conf),
                    Format = seen.Hypothesis.Format ?? format,
                }, Math.Max(seen.SpellingScore, total));
        }
        return results.Values.Select(r => r.Hypothesis).OrderByDescending(h => h.Score).Take(max).ToList();
    }

    /// <summary>The registration a reading stands for, whichever look-alike it is spelt with: its format's rendering
    /// (<see cref="Render"/>), so readings of one plate that spell I and 1 differently count as one.</summary>
    public static string Registration(PlateHypothesis h) => h.Format is { } f ? Render(h.Text, f, f.Family) : h.Text;

    /// <summary>
    /// The plate reading of text from an engine that gives no per-character detail (the cloud reader): every
    /// character at the line's confidence, so only look-alikes (O/0, I/1) and the grammar can change it.
    /// </summary>
    public static PlateHypothesis? ReadText(string text, double confidence, IReadOnlyList<PlateFormat>? formats = null)
    {
        string normalized = PlateText.Normalize(text);
        if (normalized.Length == 0) return null;
        var slots = CharSlot.FromText(normalized, Math.Clamp(confidence, 0.05, 0.99));
        return Decode(slots, formats ?? PlateFormats.All, max: 1).FirstOrDefault();
    }

    /// <summary>Whether the slot is at either end of the line, counting runs of stacked marks as one end ("SN" "95003").</summary>
    private static bool AtEnd(IReadOnlyList<CharSlot> slots, int i)
    {
        bool fromStart = true, fromEnd = true;
        for (int j = 0; j < i; j++) fromStart &= slots[j].Stacked;
        for (int j = i + 1; j < slots.Count; j++) fromEnd &= slots[j].Stacked;
        return fromStart || fromEnd;
    }

    private static double LogAdd(double a, double b) => Math.Max(a, b) + Math.Log(1 + Math.Exp(-Math.Abs(a - b)));

    private static List<CharOption> WithLookAlikes(CharSlot slot, PlateDecoderOptions o)
    {
        var options = slot.Options.ToList();
        var best = slot.Best;
        char twin = best.Char switch { 'O' => '0', '0' => 'O', 'I' => '1', '1' => 'I', _ => '\0' };
        if (twin != '\0') Ensure(twin, best.P * o.LookAlikeShare);
        char confusable = best.Char switch
        {
            'G' => '6', '6' => 'G', 'B' => '8', '8' => 'B', 'S' => '5', '5' => 'S', 'Z' => '2', '2' => 'Z', 'D' => '0',
            _ => '\0',
        };
        if (confusable != '\0' && o.ConfusableShare > 0) Ensure(confusable, best.P * o.ConfusableShare);
        return options;

        void Ensure(char c, double p)
        {
            int at = options.FindIndex(x => x.Char == c);
            if (at < 0) options.Add(new CharOption(c, p));
            else if (options[at].P < p) options[at] = new CharOption(c, p);
        }
    }

    /// <summary>The format the text fits with the highest weight (times its family's likelihood), with its log prior.</summary>
    public static (PlateFormat? Format, double Prior) BestFormat(string text, IReadOnlyList<PlateFormat> formats,
        PlateDecoderOptions? options = null, FamilyCue? cue = null)
    {
        var families = cue ?? FamilyCue.Neutral;
        PlateFormat? best = null; double bestWeight = 0;
        foreach (var f in formats)
        {
            if (f.Mask.Length != text.Length || !Fits(text, f.Mask, f.Family)) continue;
            double w = f.Weight * families.Weight(f.Family) * Math.Pow(ConversionCost, Conversions(text, f.Mask, f.Family));
            if (w > bestWeight) { best = f; bestWeight = w; }
        }
        if (best is not null) return (best, Math.Log(bestWeight));
        return (null, -(options ?? PlateDecoderOptions.Default).UnknownFormatPenalty);
    }

    /// <summary>Weight factor for each I read where a US format wants 1 (or 1 where it wants I): the format may still be
    /// right, but the recogniser usually tells these two apart.</summary>
    private const double ConversionCost = 0.3;

    private static int Conversions(string text, string mask, PlateFamily family)
    {
        if (family != PlateFamily.Us) return 0;
        int n = 0;
        for (int i = 0; i < text.Length; i++)
            if ((text[i] == 'I' && mask[i] == 'D') || (text[i] == '1' && mask[i] == 'L')) n++;
        return n;
    }

    /// <summary>
    /// Whether the text fits the mask. US series treat O and 0 as one symbol and avoid I where 1 can stand, so on US
    /// formats both pairs fit either kind of position; elsewhere letters and digits are distinct.
    /// </summary>
    public static bool Fits(string text, string mask, PlateFamily family = PlateFamily.Eu)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (family == PlateFamily.Us && c is 'O' or '0' or 'I' or '1') continue;
            if (mask[i] == 'D' ? !char.IsAsciiDigit(c) : !char.IsAsciiLetter(c)) return false;
        }
        return true;
    }

    /// <summary>US readings write O as 0 and, given a format, I/1 as its position says; other families keep what was read.</summary>
    public static string Render(string text, PlateFormat? format, PlateFamily family, bool letterO = false)
    {
        if (family != PlateFamily.Us) return text;
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            bool letter = format is not null && format.Mask[i] == 'L';
            if (chars[i] is 'O' or '0') chars[i] = letterO && letter ? 'O' : '0';
            else if (format is not null && chars[i] is 'I' or '1') chars[i] = letter ? 'I' : '1';
        }
        return new string(chars);
    }
}
