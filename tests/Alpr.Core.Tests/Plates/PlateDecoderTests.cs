using Alpr.Core.Plates;

namespace Alpr.Core.Tests.Plates;

public class PlateDecoderTests
{
    private static readonly FamilyCue UsLike = FamilyCue.FromCharAspect(0.40);
    private static readonly FamilyCue EuLike = FamilyCue.FromCharAspect(0.65);

    /// <summary>Slots from a compact spec: "F E 9 N G.55/6.40 K" — each token a character or options char+probability.</summary>
    private static List<CharSlot> Slots(string spec) =>
        spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(token =>
            token.Length == 1 ? CharSlot.Of(token[0], 0.97)
            : new CharSlot(token.Split('/').Select(o => new CharOption(o[0], double.Parse(o[1..], System.Globalization.CultureInfo.InvariantCulture))).ToList()))
        .ToList();

    private static string Best(string spec, FamilyCue? cue = null) =>
        PlateDecoder.Decode(Slots(spec), PlateFormats.All, cue: cue ?? UsLike)[0].Text;

    [Fact]
    public void FormatPriorTurnsAWeakLetterIntoTheDigitTheFormatNeeds()
    {
        // Missouri AB1 C2D: the fifth position is a digit, and the reader was unsure between G and 6.
        Assert.Equal("FE9N6K", Best("F E 9 N G.55/6.40 K"));
    }

    [Fact]
    public void ConfidentReadingOutsideEveryFormatIsKept()
    {
        // vanity plates follow no format: strong evidence wins over the prior
        Assert.Equal("GR8BUNZ", Best("G R 8 B U N Z"));
        Assert.Equal("FE9NGK", Best("F E 9 N G.97/6.02 K"));
    }

    [Fact]
    public void UsReadingsWriteTheLetterOAsZero()
    {
        Assert.Equal("5L0D951", Best("5 L O D 9 5 1"));
        Assert.Equal("0SG719", Best("O.84/0.14 S G 7 1 9"));
    }

    [Theory]
    [InlineData("6 X 1.50/I.40 U 6 4 1", "6XIU641")]   // California 1ABC234, the reader in doubt: a letter position
    [InlineData("I.35/1.32 A D L 1 3 2", "1ADL132")]   // ... and a digit position
    [InlineData("1 0 4 9 3 3 8", "1049338")]   // all digits stay digits
    [InlineData("4 P C I 2 6 4", "4PCI264")]   // an I where the format has a letter stays
    public void UsOneAndIFollowTheFormatPosition(string spec, string expected) => Assert.Equal(expected, Best(spec));

    [Theory]
    [InlineData("W 1 6 6 2 7", "W16627")]       // LL DDDD would make it WI6627
    [InlineData("9 6 3 8 1 A", "96381A")]       // DDDD LL would make it 9638IA
    [InlineData("0 1 7 M 1 4 9", "017M149")]    // LL D L DDD would make it 0I7M149
    public void AConfidentOneOrIStandsWhereTheFormatWantsTheOther(string spec, string expected) => Assert.Equal(expected, Best(spec));

    [Fact]
    public void SpellingsOfOneRegistrationAddUp()
    {
        // I and 1 in doubt at a CA digit position: one registration, its probability the sum of both spellings
        var readings = PlateDecoder.Decode(Slots("I.35/1.32 A D L 1 3 2"), PlateFormats.All, cue: UsLike);
        Assert.Single(readings, r => PlateDecoder.Registration(r) == "1ADL132");
        Assert.DoesNotContain(readings, r => r.Text == "IADL132");
    }

    [Fact]
    public void EuReadingsKeepLettersInLetterPositions()
    {
        // Croatian/Serbian AB 123-CD: the last two are letters, so a read 0 there is an O
        Assert.Equal("PP587AO", Best("P P 5 8 7 A 0", EuLike));
        Assert.Equal("RK099AN", Best("R K 0 9 9 A N", EuLike));
    }

    [Fact]
    public void BrazilianLettersAreNotTurnedIntoDigits()
    {
        var br = new FamilyCue(0.25, 0.25, 1.0);
        Assert.Equal("OBC1D23", PlateDecoder.Decode(Slots("O B C 1 D 2 3"), PlateFormats.All, cue: br)[0].Text);
        Assert.Equal("ABC1234", PlateDecoder.Decode(Slots("A B C 1 2 3 4"), PlateFormats.All, cue: br)[0].Text);
    }

    [Fact]
    public void WeakExtraCharacterBetweenGroupsIsDropped()
    {
        // the state emblem between "UH1" and "F0F" read as a weak O
        Assert.Equal("UH1F0F", Best("U H 1 O.55/C.08 F 0 F"));
    }

    /// <summary>The slots of <paramref name="spec"/> with those at <paramref name="stacked"/> marked as stacked pairs.</summary>
    private static List<CharSlot> WithStacked(string spec, params int[] stacked) =>
        Slots(spec).Select((s, i) => stacked.Contains(i) ? s with { Stacked = true } : s).ToList();

    [Theory]
    [InlineData("R 7 2 L Y", "72LY", 0)]          // "R" over "T" before the serial
    [InlineData("2 6 7 8 H", "2678", 4)]          // "H" over "H" after it
    [InlineData("S N 9 5 0 0 3", "95003", 0, 1)]  // a mark read as two characters
    public void StackedMarksAtTheEndsAreLeftOut(string spec, string expected, params int[] stacked)
    {
        Assert.Equal(expected, PlateDecoder.Decode(WithStacked(spec, stacked), PlateFormats.All, cue: UsLike)[0].Text);
        Assert.Equal(spec.Replace(" ", ""), Best(spec)); // without the marks every character is kept
    }

    [Fact]
    public void EmblemBetweenTheGroupsIsLeftOutOnceALine()
    {
        var peach = Slots("B V N C 0 6 6 9").Select((s, i) => i == 3 ? s with { Emblem = true } : s).ToList();
        Assert.Equal("BVN0669", PlateDecoder.Decode(peach, PlateFormats.All, cue: UsLike)[0].Text);
        Assert.Equal("BVNC0669", Best("B V N C 0 6 6 9"));
        var two = Slots("A B C 1 2 3 4").Select((s, i) => i is 2 or 4 ? s with { Emblem = true } : s).ToList();
        Assert.Equal(6, PlateDecoder.Decode(two, PlateFormats.All, cue: UsLike)[0].Text.Length);
    }

    [Fact]
    public void StackedLookingCharacterInsideTheNumberIsKept()
    {
        Assert.Equal("72RLY", PlateDecoder.Decode(WithStacked("7 2 R L Y", 2), PlateFormats.All, cue: UsLike)[0].Text);
    }

    [Fact]
    public void RunnersUpAreRankedBelowTheBestAndCarryTheFormat()
    {
        var readings = PlateDecoder.Decode(Slots("7 A B C 1 2 3.60/8.35"), PlateFormats.All, cue: UsLike);
        Assert.Equal("7ABC123", readings[0].Text);
        Assert.Equal("DLLLDDD", readings[0].Format?.Mask);
        Assert.Contains(readings, r => r.Text == "7ABC128");
        Assert.True(readings[0].Score > readings.First(r => r.Text == "7ABC128").Score);
        Assert.All(readings, r => Assert.InRange(r.Confidence, 0, 1));
    }

    [Fact]
    public void EmptyAndOverlongReadingsGiveNothing()
    {
        Assert.Empty(PlateDecoder.Decode([], PlateFormats.All));
        Assert.Empty(PlateDecoder.Decode(CharSlot.FromText("ABCDEFGHIJK"), PlateFormats.All));
    }

    [Fact]
    public void TextOnlyEnginesGetTheSameGrammar()
    {
        Assert.Equal("5L0D951", PlateDecoder.ReadText("5LOD 951", 0.9)!.Text);
        Assert.Null(PlateDecoder.ReadText("--", 0.9));
    }

    [Fact]
    public void CharacterShapeTellsUsFromEuropeanPlates()
    {
        Assert.Equal(PlateFamily.Us, FamilyCue.FromCharAspect(0.40).Likeliest);
        Assert.NotEqual(PlateFamily.Us, FamilyCue.FromCharAspect(0.66).Likeliest);
        Assert.Equal(FamilyCue.Neutral, FamilyCue.FromCharAspect(double.NaN));
        // a cue tilts, it never rules a family out
        Assert.True(FamilyCue.FromCharAspect(0.9).Us > 0);
    }

    [Fact]
    public void FormatsFitByLetterAndDigitPositions()
    {
        Assert.True(PlateDecoder.Fits("ABC1234", "LLLDDDD"));
        Assert.False(PlateDecoder.Fits("AB01234", "LLLDDDD"));
        Assert.True(PlateDecoder.Fits("AB01234", "LLLDDDD", PlateFamily.Us)); // US: O and 0 are one symbol
        Assert.Equal("6XIU641", PlateDecoder.Render("6X1U641", PlateFormats.All.First(f => f.Mask == "DLLLDDD"), PlateFamily.Us));
        Assert.All(PlateFormats.All, f => Assert.Matches("^[LD]{4,8}$", f.Mask));
    }
}
