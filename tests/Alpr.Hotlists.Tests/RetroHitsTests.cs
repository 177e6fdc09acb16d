using Alpr.Core.Cameras;
using Alpr.Core.Hotlists;
using Alpr.Core.Reads;
using static Alpr.Hotlists.Tests.Entries;

namespace Alpr.Hotlists.Tests;

public class RetroHitsTests
{
    private static PlateRead Read(string id, string plate, string? corrected = null) => new()
    {
        Id = id, CaptureId = id, CameraId = "c", CameraKind = CameraKind.Fixed, CapturedAt = Now.AddDays(-3), ProcessedAt = Now.AddDays(-3),
        Plate = plate, Confidence = 0.9, Engine = "t", ImageBlob = "captures/x", CorrectedPlate = corrected,
    };

    [Fact]
    public void Finds_earlier_reads_of_a_new_partial_plate_including_corrected_ones()
    {
        var entry = Entry("7AB?1*", list: "local");
        var hits = RetroHits.Find(Local, entry, [Read("r1", "7ABX123"), Read("r2", "9ZZZ999"), Read("r3", "7ABQ199"), Read("r4", "XXXX", corrected: "7ABC100")], Now);
        Assert.Equal(["r1", "r3", "r4"], hits.Select(h => h.Read.Id).Order());
        Assert.All(hits, h => Assert.Equal(MatchKind.Partial, h.Match.Kind));
    }
}
