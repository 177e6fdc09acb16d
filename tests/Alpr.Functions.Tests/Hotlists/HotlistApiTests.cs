using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alpr.Core.Access;
using Alpr.Core.Audit;
using Alpr.Core.Cameras;
using Alpr.Core.Reads;
using Alpr.Cosmos;
using Alpr.Functions.Hotlists;
using Alpr.Hotlists;
using Alpr.Storage;
using Microsoft.Azure.Cosmos;

namespace Alpr.Functions.Tests.Hotlists;

public class HotlistApiTests : IAsyncLifetime
{
    private AppFactory _app = null!;
    private AlprUser _sergeant = null!;
    public async Task InitializeAsync()
    {
        _app = await AppFactory.CreateAsync();
        _sergeant = await _app.AddUserAsync(Role.Sergeant);
    }
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private bool Hits(string plate) => _app.Get<HotlistMatcher>().Match(plate, null, [], DateTimeOffset.UtcNow).Count > 0;

    private async Task<HttpResponseMessage> ImportAsync(string listId, string body, string source = "svs", string format = "csv", AlprUser? as_ = null)
    {
        using var client = _app.ClientFor(as_ ?? _sergeant);
        return await client.PostAsync($"/api/hotlists/{listId}/import?source={source}&name=Stolen&format={format}", new StringContent(body));
    }

    [Fact]
    public async Task Import_reports_bad_rows_and_reimport_replaces_the_whole_list()
    {
        var first = await ImportAsync("svs", "plate,state,priority\n7ABC123,CA,1\nX,CA,1\n8ABC123,CA,2\n9ABC123,CA,2\n");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal(3, body.RootElement.GetProperty("entries").GetInt32());
        Assert.Equal(3, body.RootElement.GetProperty("errors")[0].GetProperty("line").GetInt32());
        Assert.True(Hits("7ABC123"));

        Assert.Equal(HttpStatusCode.OK, (await ImportAsync("svs", "plate,state\n5XYZ999,CA\n")).StatusCode);
        Assert.False(Hits("7ABC123")); // gone from the new file: stops matching
        Assert.True(Hits("5XYZ999"));
    }

    [Fact]
    public async Task A_mostly_bad_file_is_refused_and_the_list_stays_as_it_was()
    {
        await ImportAsync("svs2", "plate\n7ABC123\n");
        var refused = await ImportAsync("svs2", "plate\nX\nY\n6ABC123\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.True(Hits("7ABC123"));
        Assert.False(Hits("6ABC123"));
    }

    [Fact]
    public async Task Importing_needs_the_manage_permission()
    {
        var dispatcher = await _app.AddUserAsync(Role.Dispatcher);
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync("svs3", "plate\n7ABC123\n", as_: dispatcher)).StatusCode);
        Assert.False(Hits("7ABC123") && (await _app.Get<CosmosHotlistStore>().ListsAsync()).Any(l => l.Id == "svs3"));
    }

    [Fact]
    public async Task Refresh_timer_reloads_changed_feed_files_only()
    {
        var container = _app.Storage.Container(HotlistFeedStore.Container);
        var blob = container.GetBlobClient("ncic-feed.ncic");
        await blob.UploadAsync(BinaryData.FromString("7NCI123   CAPCSTOLV12345678920261101\n"), overwrite: true);
        await blob.SetMetadataAsync(new Dictionary<string, string> { ["source"] = "Ncic", ["name"] = "NCIC extract" });
        var refresh = _app.Get<HotlistRefreshFunction>();

        var first = await refresh.InvokeAsync(new Alpr.Functions.Hosting.InvocationRequest(), default);
        Assert.Contains(first.Logs, l => l.StartsWith("ncic-feed: reloaded 1"));
        Assert.True(Hits("7NCI123"));
        var list = (await _app.Get<CosmosHotlistStore>().ListsAsync()).Single(l => l.Id == "ncic-feed");
        Assert.Equal("NCIC extract", list.Name);

        var unchanged = await refresh.InvokeAsync(new Alpr.Functions.Hosting.InvocationRequest(), default);
        Assert.DoesNotContain(unchanged.Logs, l => l.StartsWith("ncic-feed"));

        await blob.UploadAsync(BinaryData.FromString("8NCI123   CAPCFELWV98765432120261101\n"), overwrite: true);
        var changed = await refresh.InvokeAsync(new Alpr.Functions.Hosting.InvocationRequest(), default);
        Assert.Contains(changed.Logs, l => l.StartsWith("ncic-feed: reloaded 1"));
        Assert.False(Hits("7NCI123"));
        Assert.True(Hits("8NCI123"));
    }

    [Fact]
    public async Task Lists_show_their_age()
    {
        await ImportAsync("svs4", "plate\n7ABC123\n");
        using var client = _app.ClientFor(await _app.AddUserAsync(Role.Dispatcher));
        var lists = await client.GetFromJsonAsync<JsonElement>("/api/hotlists");
        var svs4 = lists.EnumerateArray().Single(l => l.GetProperty("id").GetString() == "svs4");
        Assert.InRange(svs4.GetProperty("ageMinutes").GetDouble(), 0, 5);
        Assert.Equal(1, svs4.GetProperty("entryCount").GetInt32());
    }

    [Fact]
    public async Task Partial_plate_entry_with_retro_search_finds_earlier_reads_and_is_audited()
    {
        await ImportAsync("major", "plate,reason\n1AAA111,homicide\n", source: "local");
        var reads = _app.Get<CosmosReadStore>();
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, plate, daysAgo) in new[] { ("r1", "7ABX123", 2), ("r2", "9ZZZ999", 1), ("r3", "7ABQ199", 40) })
            await reads.UpsertAsync(new PlateRead
            {
                Id = id, CaptureId = id, CameraId = "c", CameraKind = CameraKind.Fixed, CapturedAt = now.AddDays(-daysAgo), ProcessedAt = now,
                Plate = plate, Confidence = 0.9, Engine = "t", ImageBlob = $"captures/c/{now.AddDays(-daysAgo):yyyy/MM/dd}/{id}.jpg",
            });
        using var client = _app.ClientFor(_sergeant);

        var noCase = await client.PostAsJsonAsync("/api/hotlists/major/entries", new { plate = "7AB?1*", reason = "robbery suspect vehicle", retroDays = 30, retroReason = "criminal-investigation" });
        Assert.Equal(HttpStatusCode.BadRequest, noCase.StatusCode);

        var resp = await client.PostAsJsonAsync("/api/hotlists/major/entries", new { plate = "7AB?1*", reason = "robbery suspect vehicle", retroDays = 30, retroReason = "criminal-investigation", caseNumber = "26-004512" });
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        var body = await resp.Content.ReadFromJsonAsync<JsonElement>();
        var hit = Assert.Single(body.GetProperty("retroHits").EnumerateArray());
        Assert.Equal("r1", hit.GetProperty("id").GetString());
        Assert.True(Hits("7ABZ100")); // the new entry matches live reads too

        var audit = await _app.Get<CosmosAuditLog>().Documents.QueryAsync<AuditEntry>(new QueryDefinition("SELECT * FROM c WHERE c.action = 'hotlist.retro-search'"));
        Assert.Contains(audit, a => a.Outcome == AuditOutcome.Refused);
        var allowed = Assert.Single(audit, a => a.Outcome == AuditOutcome.Allowed);
        Assert.Equal("26-004512", allowed.CaseNumber);
        Assert.Equal("criminal-investigation", allowed.Reason);
        Assert.Equal(1, allowed.ResultCount);
        Assert.Equal(_sergeant.Id, allowed.ActorId);
    }
}
