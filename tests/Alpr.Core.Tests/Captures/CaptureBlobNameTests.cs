using Alpr.Core.Captures;

namespace Alpr.Core.Tests.Captures;

public class CaptureBlobNameTests
{
    [Fact]
    public void Round_trips_through_its_name()
    {
        var name = new CaptureBlobName("cam-01", new DateOnly(2026, 3, 9), "c0ffee");
        Assert.Equal("cam-01/2026/03/09/c0ffee.jpg", name.Name);
        Assert.True(CaptureBlobName.TryParse("captures/" + name.Name, out var parsed));
        Assert.Equal(name, parsed);
    }

    [Theory]
    [InlineData("cam/2026/13/01/x.jpg")]
    [InlineData("cam/2026/02/30/x.jpg")]
    [InlineData("cam/2026/02/01/x.png")]
    [InlineData("../cam/2026/02/01/x.jpg")]
    [InlineData("cam/2026/02/01/sub/x.jpg")]
    [InlineData("")]
    public void Rejects_anything_else(string blob) => Assert.False(CaptureBlobName.TryParse(blob, out _));
}
