using Alpr.Core.Plates;

namespace Alpr.Core.Tests.Plates;

public class PlateTextTests
{
    [Theory]
    [InlineData("7abc 123", "7ABC123")]
    [InlineData(" ab-12.cd ", "AB12CD")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("ÄB1", "B1")]
    public void Normalize_keeps_upper_case_letters_and_digits_only(string? raw, string expected) =>
        Assert.Equal(expected, PlateText.Normalize(raw));

    [Theory]
    [InlineData("A", false)]
    [InlineData("AB", true)]
    [InlineData("ABCD1234", true)]
    [InlineData("ABCD12345", false)]
    public void Plausible_lengths_are_2_to_8(string plate, bool expected) => Assert.Equal(expected, PlateText.IsPlausible(plate));
}
