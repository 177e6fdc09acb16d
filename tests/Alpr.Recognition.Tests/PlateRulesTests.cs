using Alpr.Core.Plates;
using Alpr.Recognition.Rules;

namespace Alpr.Recognition.Tests;

public class PlateRulesTests
{
    [Theory]
    [InlineData("CALIFORNIA")]
    [InlineData("CALIFORNLA")]
    [InlineData("CALIF0RA")]
    [InlineData("VERM0NT")]
    [InlineData("HAWAI1")]
    [InlineData("TEXAS")]
    [InlineData("DEALER")]
    [InlineData("TRUST09")]
    [InlineData("T0Y0TA")]
    [InlineData("FEB2002")]
    [InlineData("AUG2")]
    [InlineData("0CT2003")]
    [InlineData("03JAN")]
    [InlineData("20140508")]
    [InlineData("20140508131705")]
    [InlineData("A")]
    [InlineData("THEFIRST")]       // part of "THE FIRST STATE"
    [InlineData("LANDOFLINCOLN")]
    [InlineData("GREATLAKES")]
    [InlineData("BRASIL")]         // a Mercosur plate's band
    [InlineData("MERCOSUL")]
    public void NonPlateTextIsRejected(string text) => Assert.True(PlateTextRules.Score(text) < 0, text);

    [Fact]
    public void MixedSerialOutscoresWordsAndShortNumbers()
    {
        Assert.True(PlateTextRules.Score("7ABC123") > PlateTextRules.Score("SUN"));
        Assert.True(PlateTextRules.Score("ABC1234") > PlateTextRules.Score("1234"));
        Assert.True(PlateTextRules.Score("RK755AJ") > 1.0);
        Assert.True(PlateTextRules.Score("GR8BUNZ") > 0);
        Assert.True(PlateTextRules.Score("GUTSY") > 0);
        Assert.True(PlateTextRules.Score("201405") < 0);                // year and month: a sticker or a clock
        Assert.True(PlateTextRules.Score("198606") > 0.5);              // no sticker shows 1986: a Delaware number
        Assert.True(PlateTextRules.Score("FIRSTONE") > 0);              // a slogan word and letters that are not one
        Assert.True(PlateTextRules.Score("355OCT") > 1.0);              // a plate, not a sticker
        Assert.True(PlateTextRules.Score("2005") < PlateTextRules.Score("7684")); // years are usually stickers
    }

    [Theory]
    [InlineData("CALIFORNIA", "CA")]
    [InlineData("CALIFORNlA", "CA")]
    [InlineData("NEWJERSEY", "NJ")]
    [InlineData("STATEOFTEXAS", "TX")]
    [InlineData("PENNSYLVANIA", "PA")]
    [InlineData("MINNES0TA", "MN")]
    [InlineData("BRASIL", "BR")]
    public void StateNamesMatchFuzzily(string line, string code)
    {
        var m = UsStates.Match(PlateText.Normalize(line).Replace('0', 'O'));
        Assert.NotNull(m);
        Assert.Equal(code, m!.Value.Code);
    }

    [Fact]
    public void UnrelatedTextHasNoState()
    {
        Assert.Null(UsStates.Match("7ABC123"));
        Assert.Null(UsStates.FromLines(["ABC1234", "2015", "DMV"]));
    }

    [Fact]
    public void ChooserPrefersTallMixedSerialOverStateAndSticker()
    {
        var lines = new List<TextLine>
        {
            TextLine.FromText("CALIFORNIA", 0.98, 100, 40, 120, 14),
            TextLine.FromText("7ABC123", 0.90, 100, 80, 150, 40),
            TextLine.FromText("2015", 0.99, 40, 40, 30, 10),
        };
        var choice = PlateChooser.Choose(lines);
        Assert.Equal("7ABC123", choice[0].Reading.Text);
        Assert.DoesNotContain(choice, c => c.Reading.Text == "CALIFORNIA");
    }

    [Fact]
    public void StickerOnThePlateOfATallerNumberIsNotThePlate()
    {
        // a vanity word with a registration sticker ("09-09") in the plate's top right corner
        var gutsy = TextLine.FromText("GUTSY", 0.99, 156, 80, 251, 80);
        var sticker = TextLine.FromText("0909", 0.99, 286, 22, 39, 16);
        Assert.True(PlateChooser.IsPlateFurniture(sticker, [gutsy, sticker]));
        Assert.Equal("GUTSY", PlateChooser.Choose([gutsy, sticker])[0].Reading.Text);
        Assert.Equal("0909", PlateChooser.Choose([gutsy, sticker], new ChooserOptions { FurniturePenalty = 0 })[0].Reading.Text);

        // a loose box from another pass around the same number is not a taller line beside it
        var loose = TextLine.FromText("FN8484", 0.74, 511, 182, 90, 52);
        var tight = TextLine.FromText("BFN8484", 0.97, 510, 187, 69, 23);
        Assert.False(PlateChooser.IsPlateFurniture(tight, [loose, tight]));
        // nor is a small plate a few plate widths from tall lettering, or one beside a state name
        var lettering = TextLine.FromText("ACME", 0.99, 400, 200, 300, 60);
        var plate = TextLine.FromText("7ABC123", 0.90, 400, 330, 80, 20);
        Assert.False(PlateChooser.IsPlateFurniture(plate, [lettering, plate]));
        var state = TextLine.FromText("VERMONT", 0.99, 400, 300, 200, 50);
        Assert.False(PlateChooser.IsPlateFurniture(plate, [state, plate]));
    }

    [Fact]
    public void OnlyTallerTextLowersAPlateLine()
    {
        var plate = TextLine.FromText("CDK575", 0.95, 300, 200, 120, 30);
        var reading = new PlateHypothesis("CDK575", 1.0, 0.95, null);
        var lone = PlateChooser.ScoreLine(plate, reading, [plate]);

        // an emblem above the plate that the recogniser reads as nothing is not taller text
        var emblem = TextLine.FromText("", 0.0, 300, 130, 130, 66);
        Assert.Equal(lone, PlateChooser.ScoreLine(plate, reading, [emblem, plate]), 6);

        // a taller readable line above it still marks the plate line as small print
        var lettering = TextLine.FromText("AUTOMALL", 0.95, 300, 130, 130, 66);
        Assert.Equal(lone - 0.4, PlateChooser.ScoreLine(plate, reading, [lettering, plate]), 6);
    }

    [Theory]
    [InlineData("BRA2E19", "BRA2E19", "LLLDLDD")]   // Mercosur
    [InlineData("BRA2E1O", "BRA2E10", "LLLDLDD")]   // an O where the format has a digit
    [InlineData("ABC1234", "ABC1234", "LLLDDDD")]   // the old grey series
    public void BrazilianPlateUnderItsBandReadsInItsFormat(string read, string plate, string mask)
    {
        // wide characters (about 0.65 of their height) under the band's "BRASIL"; the old plates show "SP SAO PAULO"
        var lines = new List<TextLine>
        {
            TextLine.FromText("BRASIL", 0.97, 200, 60, 70, 12),
            TextLine.FromText(read, 0.95, 200, 100, 182, 40),
            TextLine.FromText("SPSAOPAULO", 0.95, 200, 60, 120, 12),
        };
        var choice = PlateChooser.Choose(lines);   // every family: the agency need not say it reads Brazilian plates
        Assert.Equal(plate, choice[0].Reading.Text);
        Assert.Equal(mask, choice[0].Reading.Format?.Mask);
        Assert.DoesNotContain(choice, c => c.Reading.Text is "BRASIL" or "SPSAOPAULO");
        Assert.Equal("BR", UsStates.FromLines(["BRASIL"])?.Code);
    }

    [Fact]
    public void LetteringTooWideForPlateCharactersLosesToThePlate()
    {
        // a truck's "STORIT" fits LLDLDL once O and I are taken as 0 and 1 (the confident I is still spelt I); its characters are 1.3 times as wide as high
        var lines = new List<TextLine>
        {
            TextLine.FromText("STORIT", 0.99, 260, 365, 224, 28),
            TextLine.FromText("1AMW240", 0.86, 455, 565, 121, 32),
        };
        Assert.Equal("1AMW240", PlateChooser.Choose(lines)[0].Reading.Text);
        Assert.Equal("ST0RIT", PlateChooser.Choose(lines, new ChooserOptions { WideCharPenalty = 0 })[0].Reading.Text);
    }

    [Fact]
    public void ReadsOfOnePlaceVoteAndAgreementWins()
    {
        // three passes read the same plate; one of them, the most confident, slipped on the last character
        var lines = new List<TextLine>
        {
            TextLine.FromText("7ABC128", 0.99, 200, 100, 140, 40),
            TextLine.FromText("7ABC123", 0.93, 202, 101, 138, 39),
            TextLine.FromText("7ABC123", 0.92, 199, 99, 141, 41),
        };
        var choices = PlateChooser.Choose(lines);
        Assert.Single(choices);
        Assert.Equal("7ABC123", choices[0].Reading.Text);
        Assert.Contains(choices[0].Readings, r => r.Text == "7ABC128");
    }

    /// <summary>A line read with each character's own probability: "C.996 L.70 T" (unlisted ones at 0.97).</summary>
    private static TextLine Read(string spec, double cx, double cy, double w, double h)
    {
        var slots = spec.Split(' ').Select(t => CharSlot.Of(t[0], t.Length > 1 ? double.Parse("0" + t[1..], System.Globalization.CultureInfo.InvariantCulture) : 0.97)).ToList();
        string text = string.Concat(slots.Select(s => s.Best.Char));
        return new TextLine(text, slots.Min(s => s.Best.P), slots, cx, cy, w, h) { Box = Quad.Rect((float)(cx - w / 2), (float)(cy - h / 2), (float)(cx + w / 2), (float)(cy + h / 2)) };
    }

    [Fact]
    public void ACharacterOneReadCutOffIsRestoredFromAnotherReadOfThePlace()
    {
        // the pass's box cut the C off a small plate; the closer look read it, surely, but was less sure of the rest
        var cut = Read("L.88 T 0.54 1 0 8", 603, 253, 47, 16);
        var whole = Read("C.996 L.70 T 0.50 1 0 8", 601, 254, 51, 15);
        Assert.Equal("LT0108", PlateChooser.Choose([cut, whole], new ChooserOptions { CompletionConfidence = 2 })[0].Reading.Text);
        var choice = PlateChooser.Choose([cut, whole])[0];
        Assert.Equal("CLT0108", choice.Reading.Text);
        Assert.Same(whole, choice.Line);   // the box that holds every character, so nothing beside it is added again
    }

    [Fact]
    public void AnUnsureOrMarkedCharacterBeyondTheEndIsNotAddedToTheOtherReads()
    {
        var line = Read("L T 0 1 0 8", 603, 253, 47, 16);
        Assert.Same(line.Slots, PlateChooser.Completed(line, [line, Read("C.6 L T 0 1 0 8", 601, 254, 51, 15)], 0.9).Slots);
        var stacked = Read("C L T 0 1 0 8", 601, 254, 51, 15);
        stacked = stacked with { Slots = [stacked.Slots[0] with { Stacked = true }, .. stacked.Slots.Skip(1)] };
        Assert.Same(line.Slots, PlateChooser.Completed(line, [line, stacked], 0.9).Slots);
        Assert.Equal(7, PlateChooser.Completed(line, [line, Read("C L T 0 1 0 8", 601, 254, 51, 15)], 0.9).Slots.Count);
    }

    [Fact]
    public void AnInnerCharacterOneReadSkippedIsRestoredUnlessItDoublesANeighbour()
    {
        var skipped = Read("C C L V 3", 603, 331, 69, 33);
        var whole = Read("C C L V N.98 3", 604, 333, 60, 28);
        Assert.Equal("CCLVN3", string.Concat(PlateChooser.Completed(skipped, [skipped, whole], 0.9).Slots.Select(s => s.Best.Char)));
        var single = Read("C U S T 0 M", 160, 80, 250, 80);
        var doubled = Read("C U S S T 0 M", 160, 80, 255, 80);
        Assert.Same(single.Slots, PlateChooser.Completed(single, [single, doubled], 0.9).Slots);
    }

    [Fact]
    public void TimeLineOfACameraOverlayIsNotAPlate()
    {
        var date = TextLine.FromText("20140509", 0.99, 1240, 705, 61, 8);
        var time = TextLine.FromText("070206", 0.99, 1247, 714, 50, 9);
        var plate = TextLine.FromText("78188", 0.99, 254, 498, 70, 29);
        Assert.True(OverlayText.IsTimestampPart(time, [date, time, plate]));
        Assert.False(OverlayText.IsTimestampPart(plate, [date, time, plate]));
        var choices = PlateChooser.Choose([date, time, plate]);
        Assert.Equal("78188", choices[0].Reading.Text);
        Assert.DoesNotContain(choices, c => c.Reading.Text == "070206");
        // the detector's box for the date can take in both lines: twice the time line's height
        var both = TextLine.FromText("20140508", 0.95, 1240, 705, 65, 16);
        var misread = TextLine.FromText("3817804", 0.80, 1250, 714, 42, 9);
        Assert.True(OverlayText.IsTimestampPart(misread, [both, misread]));
        Assert.Empty(PlateChooser.Choose([both, misread]));
    }

    [Fact]
    public void SplitPlateIsJoinedAcrossTheGap()
    {
        var lines = new List<TextLine>
        {
            TextLine.FromText("DB3", 0.95, 100, 50, 45, 30),
            TextLine.FromText("043", 0.95, 160, 50, 45, 30),
        };
        var joined = PlateChooser.WithJoinedNeighbours(lines);
        Assert.Contains(joined, l => l.Text == "DB3043" && l.Slots.Count == 6);
        Assert.Equal("DB3043", PlateChooser.Choose(lines)[0].Reading.Text);
    }

    [Fact]
    public void CtcDecoderMasksNonPlateSymbolsCollapsesRepeatsAndKeepsRunnersUp()
    {
        // classes: 0 blank, 1 'A', 2 '7', 3 '中', 4 '-', 5 ' '
        string[] keys = ["A", "7", "中", "-"];
        var dec = new CtcPlateDecoder(keys, 6);
        float[][] steps =
        [
            [0.1f, 0.8f, 0.05f, 0.05f, 0, 0],   // A
            [0.1f, 0.8f, 0.05f, 0.05f, 0, 0],   // A (repeat, collapsed)
            [0.1f, 0.0f, 0.3f, 0.6f, 0, 0],     // 中 masked: best plate char is 7
            [0.9f, 0.05f, 0.05f, 0, 0, 0],      // blank
            [0.1f, 0.0f, 0.0f, 0, 0.9f, 0],     // '-' acts as a separator
            [0.1f, 0.15f, 0.7f, 0.05f, 0, 0],   // 7, with A as runner-up
        ];
        var flat = steps.SelectMany(s => s).ToArray();
        var read = dec.Decode(flat, steps.Length);
        Assert.Equal("A77", read.Text);
        Assert.Equal(3, read.Slots.Count);
        Assert.InRange(read.Confidence, 0.01, 1.0);
        Assert.Equal('7', read.Slots[2].Best.Char);
        Assert.Contains(read.Slots[2].Options, o => o.Char == 'A' && o.P > 0.1);
        Assert.Equal([new StepSpan(0, 1), new StepSpan(2, 2), new StepSpan(5, 5)], read.Spans);
        Assert.Equal(CtcRead.Empty, dec.Decode(new float[6], 1));
    }

    [Fact]
    public void CloserLookZoomsASmallPlateAndStaysInsideTheImage()
    {
        var small = Quad.Rect(600, 400, 660, 420);
        var (x, y, w, h, side) = PlateRegion.Around(small, 1280, 720);
        Assert.True(x <= 600 && y <= 400 && x + w >= 660 && y + h >= 420);
        Assert.True(side * 20f / Math.Max(w, h) >= 30, "the text should come out about 40 px high");
        var edge = PlateRegion.Around(Quad.Rect(0, 700, 50, 719), 1280, 720);
        Assert.True(edge.X >= 0 && edge.Y >= 0 && edge.X + edge.W <= 1280 && edge.Y + edge.H <= 720);
        Assert.True(PlateRegion.IsPlateShaped(Quad.Rect(0, 0, 100, 40)));
        Assert.False(PlateRegion.IsPlateShaped(Quad.Rect(0, 0, 800, 30)));
    }

    [Fact]
    public void CloserLookLeavesStickerSizedTextUnread()
    {
        var plate = Quad.Rect(100, 100, 300, 160); // 60 px characters
        Assert.True(PlateRegion.IsWorthReading(Quad.Rect(110, 102, 290, 158), plate, 0.35f));
        Assert.True(PlateRegion.IsWorthReading(Quad.Rect(120, 70, 280, 95), plate, 0.35f)); // a state name, 25 px
        Assert.False(PlateRegion.IsWorthReading(Quad.Rect(260, 90, 290, 104), plate, 0.35f)); // a sticker's month
    }

    [Fact]
    public void TwoStackedLinesJoinButThreeAreASign()
    {
        var top = TextLine.FromText("ABC", 0.95, 100, 50, 60, 24);
        var bottom = TextLine.FromText("1234", 0.95, 100, 80, 70, 24);
        Assert.Equal("ABC1234", PlateChooser.Choose([top, bottom])[0].Reading.Text);

        var third = TextLine.FromText("XYZ", 0.95, 100, 110, 60, 24);
        Assert.DoesNotContain(PlateChooser.Choose([top, bottom, third]), c => c.Reading.Text == "ABC1234");
    }
}
