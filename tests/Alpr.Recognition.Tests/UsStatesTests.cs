using Alpr.Recognition;

namespace Alpr.Recognition.Tests;

public class UsStatesTests
{
    [Theory]
    [InlineData("CALIFORNIA", "CA")]
    [InlineData("CALIFORNLA", "CA")]
    [InlineData("NEWYORK", "NY")]
    [InlineData("TEXAS", "TX")]
    [InlineData("WISC0NSIN", "WI")]
    public void Names_on_plates_give_the_state(string text, string code) => Assert.Equal(code, UsStates.Match(text, 0.9)!.Value.Code);

    [Theory]
    [InlineData("7ABC123")]
    [InlineData("DMV")]
    [InlineData("TEX")]
    public void Other_text_names_no_state(string text) => Assert.Null(UsStates.Match(text, 0.9));
}
