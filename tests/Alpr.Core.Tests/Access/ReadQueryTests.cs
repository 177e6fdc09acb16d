using Alpr.Core.Access;
using Alpr.Core.Search;

namespace Alpr.Core.Tests.Access;

public class ReadQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static (ReadQuery? Q, string? E) Parse(string? plate = "7ABC123", string? reason = "criminal-investigation", string? @case = "26-001234",
        DateTimeOffset? from = null, DateTimeOffset? to = null, double? lat = null, double? lon = null, double? r = null) =>
        ReadQuery.Parse(plate, reason, @case, from, to, null, lat, lon, r, false, Now);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("personal")]
    [InlineData("curiosity")]
    public void A_permitted_reason_is_required(string? reason) => Assert.Contains("reason", Parse(reason: reason).E);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("26 001")]
    public void A_case_number_is_required(string? c) => Assert.Contains("caseNumber", Parse(@case: c).E);

    [Fact]
    public void Wildcards_become_a_pattern_and_plates_are_normalised()
    {
        Assert.Equal("7A?C12*", Parse("7a?c12*").Q!.Pattern);
        Assert.Equal("7ABC123", Parse("7abc-123").Q!.Plate);
        Assert.NotNull(Parse("?*7").E);
    }

    [Fact]
    public void Range_and_area_are_checked()
    {
        Assert.NotNull(Parse(from: Now, to: Now.AddDays(-1)).E);
        Assert.NotNull(Parse(from: Now.AddDays(-500)).E);
        Assert.NotNull(Parse(lat: 33.8).E);
        Assert.Equal(5, Parse(lat: 33.8, lon: -116.5, r: 5).Q!.Area!.RadiusKm);
        Assert.Equal(Now.AddDays(-30), Parse().Q!.From);
    }

    [Fact]
    public void Guards_flag_broad_searches_and_sensitive_places_without_blocking()
    {
        var options = new UseGuardOptions { FlagDistinctPlatesOver = 10, SensitivePlaces = [new SensitivePlace("St. Mary's Church", 33.80, -116.50, 0.3)] };
        var q = Parse(plate: null, lat: 33.801, lon: -116.501, r: 1).Q!;
        var flags = UseGuards.Flags(q, 25, options);
        Assert.Contains("many-plates:25", flags);
        Assert.Contains("sensitive-area:St. Mary's Church", flags);
        Assert.Contains("area-only", flags);
        Assert.Empty(UseGuards.Flags(Parse().Q!, 1, options));
    }

    [Fact]
    public void Grams_required_by_a_pattern_are_in_every_matching_plate()
    {
        var required = PlateGrams.RequiredBy("7A?C12*");
        Assert.Equal(["7A", "C12"], required);
        foreach (var plate in new[] { "7AXC123", "7AQC12" }) Assert.All(required, g => Assert.Contains(g, PlateGrams.Of(plate)));
    }
}
