using Alpr.Core.Plates;
using Alpr.Recognition.Rules;

namespace Alpr.Recognition.Tests;

public class PlateRulesTests
{
    [Theory]
    [InlineData("CALIFORNIA")]
    [InlineData("CALIFORNLA")]
    [InlineData("TEXAS")]
    [InlineData("DEALER")]
    [InlineData("20140508")]
    [InlineData("20140508131705")]
    [InlineData("A")]
    public void NonPlateTextIsRejected(string text) => Assert.True(PlateTextRules.Score(text) < 0, text);

    [Fact]
    public void MixedSerialOutscoresWordsAndShortNumbers()
    {
        Assert.True(PlateTextRules.Score("7ABC123") > PlateTextRules.Score("SUN"));
        Assert.True(PlateTextRules.Score("ABC1234") > PlateTextRules.Score("1234"));
        Assert.True(PlateTextRules.Score("RK755AJ") > 1.0);
    }

    [Theory]
    [InlineData("HB6LOZ", "HB6L0Z")]
    [InlineData("5LOD951", "5L0D951")]
    [InlineData("AB1I23", "AB1123")]
    [InlineData("PP587AO", "PP587AO")]   // trailing letter pair stays letters
    [InlineData("RK550A0", "RK550AO")]   // ...and a 0 in it is an O
    [InlineData("6A5730A", "6A5730A")]
    [InlineData("00256M1", "00256M1")]   // digit-led serials keep a final 1
    [InlineData("KMBORAK", "KMBORAK")]   // no digits: a word or vanity plate
    [InlineData("ABC1234", "ABC1234")]
    public void ConfusableLettersResolvedByPosition(string read, string expected) => Assert.Equal(expected, ConfusableRules.Apply(read));

    [Theory]
    [InlineData("CALIFORNIA", "CA")]
    [InlineData("CALIFORNlA", "CA")]
    [InlineData("NEWJERSEY", "NJ")]
    [InlineData("STATEOFTEXAS", "TX")]
    [InlineData("PENNSYLVANIA", "PA")]
    [InlineData("MINNES0TA", "MN")]
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
            new("CALIFORNIA", 0.98, 100, 40, 120, 14, []),
            new("7ABC123", 0.90, 100, 80, 150, 40, []),
            new("2015", 0.99, 40, 40, 30, 10, []),
        };
        var choice = PlateChooser.Choose(lines);
        Assert.Equal("7ABC123", choice[0].Line.Text);
        Assert.DoesNotContain(choice, c => c.Line.Text == "CALIFORNIA");
    }

    [Fact]
    public void CtcDecoderMasksNonPlateSymbolsAndCollapsesRepeats()
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
            [0.1f, 0.0f, 0.85f, 0.05f, 0, 0],   // 7
        ];
        var flat = steps.SelectMany(s => s).ToArray();
        var read = dec.Decode(flat, steps.Length);
        Assert.Equal("A77", read.Text);
        Assert.InRange(read.Confidence, 0.01, 1.0);
        Assert.NotEmpty(read.Alternatives);
    }
}
