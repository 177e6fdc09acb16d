using Alpr.Core.Plates;
namespace Alpr.Recognition.Rules;

/// <summary>A place judged to be a plate: the line shown for it, its best reading, the runners-up, and the plate score.</summary>
public sealed record PlateChoice(TextLine Line, PlateHypothesis Reading, IReadOnlyList<PlateHypothesis> Readings, double Score);

/// <summary>How plates are chosen among the lines of an image.</summary>
public sealed record ChooserOptions
{
    public IReadOnlyList<PlateFormat> Formats { get; init; } = PlateFormats.All;
    public PlateDecoderOptions Decoder { get; init; } = PlateDecoderOptions.Default;
    /// <summary>Lowest plate score reported as a plate.</summary>
    public double MinScore { get; init; } = 0.6;
    /// <summary>Added to a candidate whose reading fits a known format.</summary>
    public double FormatBonus { get; init; } = 0.3;
    /// <summary>Width per character over height (the line's box) above which a reading is scored down by
    /// <see cref="WideCharPenalty"/>: measured on the development sets, plate lines reach 0.82, lettering on vehicles and
    /// signs read as plate text often 1–1.5.</summary>
    public double WidestCharAspect { get; init; } = 1.0;
    public double WideCharPenalty { get; init; } = 0.6;
    /// <summary>Taken from a line that sits on the plate around a number at least twice its height (a registration
    /// sticker, a dealer's or the state's small print): see <see cref="PlateChooser.IsPlateFurniture"/>.</summary>
    public double FurniturePenalty { get; init; } = 0.8;
    /// <summary>How sure the characters must be that another read of the same place has beyond a line's ends for the
    /// line to be read with them (see <see cref="PlateChooser.Completed"/>); above 1: never.</summary>
    public double CompletionConfidence { get; init; } = 0.9;
    public static ChooserOptions Default { get; } = new();
}

/// <summary>
/// Chooses plate numbers among the text lines of an image. Lines that lie on the same place (several detection passes,
/// split plates joined) are one candidate: every line is decoded with the plate grammar (<see cref="PlateDecoder"/>) and
/// the readings vote, each weighted by its probability, so a reading that every pass supports beats one pass's
/// confident slip. Candidates are then scored by text pattern (<see cref="PlateTextRules"/>), confidence, format fit
/// and shape; state names, slogans, dealer-frame text and camera timestamp overlays are rejected.
/// </summary>
public static class PlateChooser
{
    public static double ScoreLine(TextLine line, PlateHypothesis reading, IReadOnlyList<TextLine> all, ChooserOptions? options = null)
    {
        double text = PlateTextRules.Score(reading.Text);
        if (text < 0) return -1;
        if (OverlayText.IsTimestampPart(line, all)) return -1;
        var opts = options ?? ChooserOptions.Default;
        double s = text + 0.8 * reading.Confidence + (reading.Format is not null ? opts.FormatBonus : 0);
        // Plate numbers are the tallest characters on a plate: compare with the lines above and below it (not with
        // other reads of the same line, whose boxes differ in margin).
        double maxH = 0;
        foreach (var o in all)
            if (!ReferenceEquals(o, line) && o.Text.Length > 0 && Math.Abs(o.CenterX - line.CenterX) < 2 * line.Width && Math.Abs(o.CenterY - line.CenterY) < 3 * line.Height
                && !(Math.Abs(o.CenterY - line.CenterY) < 0.3 * line.Height && Math.Abs(o.CenterX - line.CenterX) < 0.3 * line.Width))
                maxH = Math.Max(maxH, o.Height);
        if (maxH > 0 && line.Height < 0.7 * maxH) s -= 0.4;
        if (line.Aspect < 1.0) s -= 0.5;
        if (IsPlateFurniture(line, all)) s -= opts.FurniturePenalty;
        // Plate characters are at most about 0.8 as wide as high, box margins included: a word of signage is wider.
        if (line.Aspect / Math.Max(1, reading.Text.Length) > opts.WidestCharAspect) s -= opts.WideCharPenalty;
        return s;
    }

    /// <summary>
    /// Whether the line lies on the plate of a line of plate text at least twice its height: within that line's plate
    /// (a plate is about four number heights wide and two high), outside its box (a loose box around the same number
    /// is not another line), and not a word that is never a number. The number is
    /// the tallest text on a plate; registration and date stickers in its corners ("0909", "1204") read as confident
    /// all-digit plates, and the height comparison above does not see them: it looks only within the small line's
    /// own few heights.
    /// </summary>
    public static bool IsPlateFurniture(TextLine line, IReadOnlyList<TextLine> all)
    {
        foreach (var o in all)
            if (o.Height >= 2 * line.Height && o.Text.Length >= 2
                && Math.Abs(o.CenterX - line.CenterX) < 2.2 * o.Height && Math.Abs(o.CenterY - line.CenterY) < o.Height
                && (Math.Abs(o.CenterX - line.CenterX) > o.Width / 2 || Math.Abs(o.CenterY - line.CenterY) > o.Height / 2)
                && PlateTextRules.Score(o.Text) >= 0)
                return true;
        return false;
    }

    /// <summary>
    /// Adds, for every pair of lines side by side on the same baseline with similar height and a small gap, the joined
    /// line: detectors often split a plate at a logo or a wide space ("DB3" + "043").
    /// </summary>
    public static List<TextLine> WithJoinedNeighbours(IReadOnlyList<TextLine> lines)
    {
        var result = new List<TextLine>(lines);
        for (int i = 0; i < lines.Count; i++)
            for (int j = 0; j < lines.Count; j++)
            {
                var a = lines[i]; var b = lines[j];
                if (i == j || a.Text.Length == 0 || b.Text.Length == 0 || b.CenterX <= a.CenterX) continue;
                double h = Math.Max(a.Height, b.Height);
                if (Math.Min(a.Height, b.Height) < 0.7 * h) continue;
                if (Math.Abs(a.CenterY - b.CenterY) > 0.35 * h) continue;
                double gap = b.Left - a.Right;
                if (gap > 1.2 * h || gap < -0.5 * h) continue;
                // Overlapping boxes repeat the character they share ("BA0" + "0523"): keep it once.
                bool shared = gap < 0.15 * h && a.Text[^1] == b.Text[0];
                var slots = shared ? [.. a.Slots, .. b.Slots.Skip(1)] : a.Slots.Concat(b.Slots).ToList();
                if (slots.Count > 8) continue;
                string text = shared ? a.Text + b.Text[1..] : a.Text + b.Text;
                result.Add(new TextLine(text, Math.Min(a.Confidence, b.Confidence) * 0.98, slots,
                    (a.Left + b.Right) / 2, (a.CenterY + b.CenterY) / 2, b.Right - a.Left, h)
                { Box = a.Box is { } qa && b.Box is { } qb ? Quad.Span(qa, qb) : null });
            }
        result.AddRange(Stacked(lines));
        return result;
    }

    /// <summary>
    /// Two-line plates (square EU and motorcycle plates, stacked US series): two lines of like height, one right above
    /// the other and centred alike, read top line first.
    /// </summary>
    private static IEnumerable<TextLine> Stacked(IReadOnlyList<TextLine> lines)
    {
        foreach (var top in lines)
            foreach (var bottom in lines)
            {
                if (ReferenceEquals(top, bottom) || top.Slots.Count < 1 || bottom.Slots.Count < 2) continue;
                if (!AreStacked(top, bottom)) continue;
                // a plate has at most two lines: three like lines in a column are a sign or a vehicle's lettering
                if (lines.Any(l => AreStacked(l, top) || AreStacked(bottom, l))) continue;
                double h = Math.Max(top.Height, bottom.Height);
                int n = top.Slots.Count + bottom.Slots.Count;
                if (n is < 4 or > 8) continue;
                // only as a serial: a plate number over a slogan of like height must not become a "plate"
                if (PlateDecoder.BestFormat(top.Text + bottom.Text, PlateFormats.All).Format is null) continue;
                double left = Math.Min(top.Left, bottom.Left), right = Math.Max(top.Right, bottom.Right);
                double height = bottom.CenterY + bottom.Height / 2 - (top.CenterY - top.Height / 2);
                // as wide as the wider line and as tall as both: the character shape cue then reads it as one plate
                yield return new TextLine(top.Text + bottom.Text, Math.Min(top.Confidence, bottom.Confidence) * 0.98,
                    [.. top.Slots, .. bottom.Slots], (left + right) / 2, (top.CenterY + bottom.CenterY) / 2, right - left, h)
                { Box = Quad.Rect((float)left, (float)(top.CenterY - top.Height / 2), (float)right, (float)(bottom.CenterY + bottom.Height / 2)) };
            }
    }

    /// <summary>Two lines of like height, one right above the other (a small gap), centred alike.</summary>
    private static bool AreStacked(TextLine top, TextLine bottom)
    {
        double h = Math.Max(top.Height, bottom.Height);
        if (Math.Min(top.Height, bottom.Height) < 0.7 * h) return false;
        double gap = (bottom.CenterY - bottom.Height / 2) - (top.CenterY + top.Height / 2);
        if (gap < -0.2 * h || gap > 0.6 * h) return false;
        return Math.Abs(top.CenterX - bottom.CenterX) <= 0.3 * Math.Max(top.Width, bottom.Width);
    }

    /// <summary>Plates, best first: one choice per place and per distinct text; places scoring below the minimum are dropped.</summary>
    public static IReadOnlyList<PlateChoice> Choose(IReadOnlyList<TextLine> lines, ChooserOptions? options = null)
    {
        var o = options ?? ChooserOptions.Default;
        var candidates = WithJoinedNeighbours(lines);
        var scored = new List<(PlateChoice Choice, List<TextLine> Place)>();
        foreach (var place in Places(candidates))
        {
            if (Vote(place, o) is not { } vote) continue;
            double score = ScoreLine(vote.Line, vote.Reading, candidates, o);
            if (score >= o.MinScore) scored.Add((vote with { Score = score }, place));
        }
        var result = new List<PlateChoice>();
        foreach (var (choice, place) in scored.OrderByDescending(c => c.Choice.Score))
        {
            var c = WithGlyphVotes(choice, place, o);
            if (!result.Any(r => r.Reading.Text == c.Reading.Text)) result.Add(c);
        }
        return result;
    }

    /// <summary>
    /// The place read again with the glyph memory's options where its characters have them (<see cref="CharSlot.Voted"/>),
    /// keeping the place's score and rank: the memory knows plate characters, so on a dealer's name or a slogan it
    /// would make a plate of letters; it may change what a plate reads, never which place is the plate.
    /// </summary>
    private static PlateChoice WithGlyphVotes(PlateChoice choice, List<TextLine> place, ChooserOptions o)
    {
        if (!place.Any(l => l.Slots.Any(s => s.Voted is not null))) return choice;
        var voted = place.Select(l => l.Slots.Any(s => s.Voted is not null) ? WithVotes(l) : l).ToList();
        if (Vote(voted, o) is not { } vote || PlateTextRules.Score(vote.Reading.Text) < 0) return choice;
        return vote with { Score = choice.Score };
    }

    private static TextLine WithVotes(TextLine line)
    {
        var slots = line.Slots.Select(s => s.WithVotes()).ToList();
        return line with { Slots = slots, Text = line.Slots.Count == line.Text.Length ? string.Concat(slots.Select(s => s.Best.Char)) : line.Text };
    }

    /// <summary>Groups lines read at the same place: centres close, heights alike.</summary>
    public static List<List<TextLine>> Places(List<TextLine> lines)
    {
        var places = new List<List<TextLine>>();
        foreach (var line in lines.OrderByDescending(l => l.Confidence))
        {
            var home = places.FirstOrDefault(p => SamePlace(p[0], line));
            if (home is null) places.Add([line]); else home.Add(line);
        }
        return places;
    }

    private static bool SamePlace(TextLine a, TextLine b)
    {
        double h = Math.Max(a.Height, b.Height);
        return Math.Abs(a.CenterY - b.CenterY) < 0.4 * h && Math.Abs(a.CenterX - b.CenterX) < 0.2 * Math.Max(a.Width, b.Width)
            && Math.Min(a.Height, b.Height) > 0.6 * h && Math.Min(a.Width, b.Width) > 0.7 * Math.Max(a.Width, b.Width);
    }

    private static FamilyCue Cue(TextLine line) =>
        line.Slots.Count == 0 ? FamilyCue.Neutral : FamilyCue.FromCharAspect(line.Width / (Math.Max(1, line.Height) * line.Slots.Count));

    /// <summary>
    /// A line's characters, with the one or two another line of its place reads beyond either end of the same text, each
    /// with at least <paramref name="confidence"/> and none a mark (stacked pair, emblem): the shorter read's box cut
    /// them off. Likewise one inner character the other line reads surely and this one skipped (CCLV3 of CCLVN3),
    /// unless it repeats a neighbour: CTC doubles characters (CUSST0M, 2DA0044 were read so). Left alone, the shorter
    /// read wins the vote for having fewer characters to be unsure of (LT0108 over CLT0108, the C read at 0.996).
    /// Also returns the line whose box holds them all.
    /// </summary>
    public static (IReadOnlyList<CharSlot> Slots, TextLine Spanning) Completed(TextLine line, IReadOnlyList<TextLine> place, double confidence)
    {
        if (line.Text.Length < 3) return (line.Slots, line);
        foreach (var other in place)
        {
            int extra = other.Text.Length - line.Text.Length;
            if (extra is < 1 or > 2 || other.Slots.Count != other.Text.Length || line.Slots.Count != line.Text.Length) continue;
            if (other.Text.EndsWith(line.Text, StringComparison.Ordinal) && Sure(other.Slots.Take(extra)))
                return ([.. other.Slots.Take(extra), .. line.Slots], other);
            if (other.Text.StartsWith(line.Text, StringComparison.Ordinal) && Sure(other.Slots.Skip(line.Text.Length)))
                return ([.. line.Slots, .. other.Slots.Skip(line.Text.Length)], other);
            // one inner character the shorter read skipped, unless it repeats a neighbour (CTC doubling a character)
            if (extra == 1)
                for (int k = 1; k < other.Text.Length - 1; k++)
                    if (other.Text[k] != other.Text[k - 1] && other.Text[k] != other.Text[k + 1] && other.Text.Remove(k, 1) == line.Text && Sure([other.Slots[k]]))
                        return ([.. line.Slots.Take(k), other.Slots[k], .. line.Slots.Skip(k)], other);
        }
        return (line.Slots, line);

        bool Sure(IEnumerable<CharSlot> slots) => slots.All(s => s.Best.P >= confidence && !s.Stacked && !s.Emblem);
    }

    /// <summary>
    /// The readings of one place: each text's score is the log of its probability averaged over the place's lines
    /// (a line that does not produce the text adds nothing), so agreement between passes counts.
    /// </summary>
    public static PlateChoice? Vote(List<TextLine> place, ChooserOptions o)
    {
        var totals = new Dictionary<string, (double Sum, PlateHypothesis Best, TextLine Line, Dictionary<string, double> Spellings)>(StringComparer.Ordinal);
        foreach (var read in place)
        {
            var (slots, line) = Completed(read, place, o.CompletionConfidence);
            foreach (var h in PlateDecoder.Decode(slots, o.Formats, o.Decoder, cue: Cue(read)))
            {
                double p = Math.Exp(h.Score);
                string key = PlateDecoder.Registration(h);
                if (totals.TryGetValue(key, out var t))
                    totals[key] = (t.Sum + p, h.Confidence > t.Best.Confidence ? h : t.Best, h.Confidence > t.Best.Confidence ? line : t.Line, t.Spellings);
                else totals[key] = t = (p, h, line, new(StringComparer.Ordinal));
                t.Spellings[h.Text] = t.Spellings.GetValueOrDefault(h.Text) + p;
            }
        }
        if (totals.Count == 0) return null;
        // a registration is spelt as most of the place's readings of it spell it
        var ranked = totals.Values.Select(t => (Hyp: t.Best with { Score = Math.Log(t.Sum / place.Count), Text = t.Spellings.MaxBy(s => s.Value).Key }, t.Line))
            .OrderByDescending(r => r.Hyp.Score).ToList();
        return new PlateChoice(ranked[0].Line, ranked[0].Hyp, ranked.Select(r => r.Hyp).Take(6).ToList(), 0);
    }
}
