using Alpr.Recognition;

namespace Alpr.Recognition.Tests;

/// <summary>The choice among recognised lines: plates over state names, slogans, frames and date stamps.</summary>
public class PlateCandidateScoreTests
{
    [Theory]
    [InlineData("CALIFORNIA")]
    [InlineData("CALIFORNLA")]  // OCR slip still a state name
    [InlineData("TEXAS")]
    [InlineData("DMVCAGOV")]
    [InlineData("TOYOTA")]
    public void State_names_slogans_and_dealer_words_are_not_plates(string text) =>
        Assert.Equal(0, PlateCandidateScore.Score(text, 0.99, 4, 1));

    [Fact]
    public void A_mixed_plate_beats_a_date_stamp_and_a_short_fragment()
    {
        double plate = PlateCandidateScore.Score("7ABC123", 0.9, 3.5, 1);
        Assert.True(plate > PlateCandidateScore.Score("20140618", 1.0, 6, 1));
        Assert.True(plate > PlateCandidateScore.Score("L04", 0.96, 2, 1));
        Assert.True(plate > PlateCandidateScore.Score("7ABC123", 0.9, 3.5, 0.3)); // the same text in small print
    }

    [Theory]
    [InlineData("20140618", true)]
    [InlineData("201405", true)]
    [InlineData("2014050", true)]
    [InlineData("1359973", false)]
    [InlineData("2013990", false)]
    [InlineData("7ABC123", false)]
    public void Date_stamps_are_recognised(string text, bool expected) => Assert.Equal(expected, PlateCandidateScore.LooksLikeDateStamp(text));

    [Fact]
    public void Lengths_outside_two_to_eight_and_tall_boxes_are_rejected()
    {
        Assert.Equal(0, PlateCandidateScore.Score("A", 1, 3, 1));
        Assert.Equal(0, PlateCandidateScore.Score("ABCDE12345", 1, 3, 1));
        Assert.Equal(0, PlateCandidateScore.Score("7ABC123", 1, 0.5, 1));
    }
}
