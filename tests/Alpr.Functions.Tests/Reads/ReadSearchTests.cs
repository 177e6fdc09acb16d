using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alpr.Core.Access;
using Alpr.Core.Audit;
using Alpr.Core.Cameras;
using Alpr.Core.Reads;
using Alpr.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Alpr.Functions.Tests.Reads;

public class ReadSearchTests : IAsyncLifetime
{
    private AppFactory _app = null!;
    private AlprUser _analyst = null!;
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public async Task InitializeAsync()
    {
        _app = await AppFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["Search:FlagDistinctPlatesOver"] = "1",
            ["Search:SensitivePlaces:0:Name"] = "Mission church",
            ["Search:SensitivePlaces:0:Latitude"] = "33.80",
            ["Search:SensitivePlaces:0:Longitude"] = "-116.50",
            ["Search:SensitivePlaces:0:RadiusKm"] = "0.2",
        });
        _analyst = await _app.AddUserAsync(Role.CrimeAnalyst);
        var store = _app.Get<CosmosReadStore>();
        var reads = new (string Id, string Plate, string Camera, int DaysAgo, double Lat)[]
        {
            ("s1", "7ABC123", "pole-1", 1, 33.80), ("s2", "7AXC129", "pole-2", 2, 33.90), ("s3", "7ABC123", "pole-2", 40, 33.80),
            ("s4", "8ZZZ999", "pole-1", 3, 33.80), ("s5", "7ABD123", "pole-1", 5, 34.50),
        };
        foreach (var r in reads)
        {
            var at = Now.AddDays(-r.DaysAgo);
            await store.UpsertAsync(new PlateRead
            {
                Id = r.Id, CaptureId = r.Id, CameraId = r.Camera, CameraKind = CameraKind.Fixed, CapturedAt = at, ProcessedAt = at, Location = new GeoPoint(r.Lat, -116.50),
                Plate = r.Plate, Confidence = 0.9, Engine = "t", ImageBlob = $"captures/{r.Camera}/{at:yyyy}/{at:MM}/{at:dd}/{r.Id}.jpg",
            });
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> SearchAsync(string query)
    {
        using var client = _app.ClientFor(_analyst);
        var resp = await client.GetAsync("/api/reads/search?" + query);
        var text = await resp.Content.ReadAsStringAsync();
        return (resp.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    private static string[] Ids(JsonElement body) => body.GetProperty("reads").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).Order().ToArray();

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action) =>
        await _app.Get<CosmosAuditLog>().Documents.QueryAsync<AuditEntry>(new QueryDefinition("SELECT * FROM c WHERE c.action = @a AND c.actorId = @u").WithParameter("@a", action).WithParameter("@u", _analyst.Id));

    [Fact]
    public async Task Exact_partial_camera_and_area_searches_find_the_right_reads()
    {
        const string purpose = "reason=criminal-investigation&caseNumber=26-004512";
        Assert.Equal(["s1"], Ids((await SearchAsync($"plate=7ABC123&{purpose}")).Body)); // s3 is older than the default 30 days
        Assert.Equal(["s1", "s3"], Ids((await SearchAsync($"plate=7ABC123&from={Uri.EscapeDataString(Now.AddDays(-60).ToString("O"))}&{purpose}")).Body));
        Assert.Equal(["s1", "s2"], Ids((await SearchAsync($"plate=7A?C12*&{purpose}")).Body));
        Assert.Equal(["s1", "s5"], Ids((await SearchAsync($"plate=7AB*&cameras=pole-1&{purpose}")).Body));
        Assert.Equal(["s1", "s4"], Ids((await SearchAsync($"lat=33.80&lon=-116.50&radiusKm=1&{purpose}")).Body));
    }

    [Fact]
    public async Task The_access_is_logged_with_who_what_why_and_how_many()
    {
        var (status, body) = await SearchAsync("plate=7A?C12*&reason=stolen-vehicle&caseNumber=26-000777");
        Assert.Equal(HttpStatusCode.OK, status);
        var entry = Assert.Single(await AuditAsync("reads.search"));
        Assert.Equal(AuditOutcome.Allowed, entry.Outcome);
        Assert.Equal("CrimeAnalyst", entry.ActorRole);
        Assert.Equal("stolen-vehicle", entry.Reason);
        Assert.Equal("26-000777", entry.CaseNumber);
        Assert.Contains("pattern=7A?C12*", entry.Query);
        Assert.Equal(body.GetProperty("count").GetInt32(), entry.ResultCount);
        Assert.NotNull(entry.ClientAddress);
        Assert.InRange(entry.At, Now.AddMinutes(-5), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Without_reason_or_case_number_the_request_is_refused_and_logged()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await SearchAsync("plate=7ABC123&caseNumber=26-1")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SearchAsync("plate=7ABC123&reason=personal&caseNumber=26-1")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SearchAsync("plate=7ABC123&reason=audit")).Status);
        Assert.Equal(3, (await AuditAsync("reads.search")).Count(e => e.Outcome == AuditOutcome.Refused));
    }

    [Fact]
    public async Task Broad_and_sensitive_searches_are_answered_but_flagged()
    {
        var (status, _) = await SearchAsync("lat=33.80&lon=-116.50&radiusKm=5&reason=criminal-investigation&caseNumber=26-9");
        Assert.Equal(HttpStatusCode.OK, status);
        var flags = Assert.Single(await AuditAsync("reads.search")).Flags!;
        Assert.Contains(flags, f => f.StartsWith("many-plates:"));
        Assert.Contains("sensitive-area:Mission church", flags);
    }

    [Fact]
    public async Task One_read_and_its_image_link_need_a_purpose_and_are_logged()
    {
        using var client = _app.ClientFor(_analyst);
        var day = Now.AddDays(-1).UtcDateTime.ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/reads/{day}/s1")).StatusCode);
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/reads/{day}/s1?reason=criminal-investigation&caseNumber=26-5");
        Assert.Equal("7ABC123", read.GetProperty("plate").GetString());
        var link = await client.GetAsync($"/api/reads/{day}/s1/image?reason=criminal-investigation&caseNumber=26-5");
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        var url = (await link.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        Assert.Contains("sp=r", url);
        Assert.Contains("se=", url);
        Assert.Single(await AuditAsync("reads.get"), e => e.Outcome == AuditOutcome.Allowed && e.CaseNumber == "26-5");
        Assert.Single(await AuditAsync("reads.image"), e => e.Outcome == AuditOutcome.Allowed);
    }

    [Fact]
    public async Task When_the_log_cannot_be_written_nothing_is_returned()
    {
        // Break the real audit store: its container is gone.
        await _app.Get<CosmosDatabase>().Container(CosmosContainers.Audit).DeleteContainerAsync();
        var (status, body) = await SearchAsync("plate=7ABC123&reason=criminal-investigation&caseNumber=26-1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.False(body.TryGetProperty("reads", out _));
    }
}
