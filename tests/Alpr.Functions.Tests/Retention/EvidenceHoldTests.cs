using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alpr.Core.Access;
using Alpr.Core.Retention;
using Alpr.Core.Retention.Holds;
using Alpr.Cosmos;
using Alpr.Retention;
using Microsoft.Azure.Cosmos;

namespace Alpr.Functions.Tests.Retention;

public class EvidenceHoldTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Hold_protects_copies_with_verifiable_hashes_and_release_purges_what_is_past_retention()
    {
        var app = await RetentionApp.CreateAsync();
        var old = await app.SeedAsync(500);
        var young = await app.SeedAsync(10);
        var sergeant = await app.Factory.AddUserAsync(Role.Sergeant);
        var admin = await app.Factory.AddUserAsync(Role.AlprAdministrator);
        var lieutenant = await app.Factory.AddUserAsync(Role.Lieutenant);

        var placed = await app.ClientFor(sergeant).PostAsJsonAsync("/api/holds",
            new { caseNumber = "26-001234", legalBasis = "criminal-case", readIds = new[] { old.Id, young.Id }, caseOwner = "det-42" });
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        string holdId = (await Json(placed)).GetProperty("id").GetString()!;

        var status = await Json(await app.ClientFor(sergeant).GetAsync($"/api/holds/{holdId}"));
        Assert.Equal("Active", status.GetProperty("runtimeStatus").GetString());
        var events = status.GetProperty("hold").GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString()).ToList();
        Assert.Equal(["placed", "mark-held", "copy-evidence", "schedule-review", "notify-owner"], events);

        // The evidence package: every file's SHA-256 in the manifest matches what is stored.
        var hold = (await app.Get<CosmosHoldStore>().GetAsync(holdId, default))!.Value;
        var evidence = app.Get<EvidenceStore>();
        var manifest = await evidence.ReadManifestAsync(hold.ManifestBlob!, default);
        Assert.Equal(6, manifest.Files.Count); // two read documents, two images, two crops
        var contents = new Dictionary<string, byte[]?>();
        foreach (var file in manifest.Files) contents[file.Path] = await evidence.ReadFileAsync(file.Path, default);
        Assert.Empty(manifest.Mismatches(p => contents[p]));
        var manifestBytes = await evidence.ReadFileAsync(hold.ManifestBlob!, default);
        Assert.Equal(hold.ManifestSha256, EvidenceManifest.Sha256Hex(manifestBytes));
        // ...and a changed byte is caught.
        var tampered = contents.ToDictionary(kv => kv.Key, kv => kv.Value);
        var first = manifest.Files[0].Path;
        tampered[first] = [.. tampered[first]!, 0];
        Assert.Equal([first], manifest.Mismatches(p => tampered[p]));

        // The purge leaves the held read alone.
        var purge = await app.ClientFor(admin).PostAsync("/api/admin/purge", null);
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(1, (await Json(purge)).GetProperty("skippedHeld").GetInt32());
        Assert.True(await app.ReadExistsAsync(old));
        Assert.True(await app.ImageExistsAsync(old));

        // Release: the expired read is purged at once, the young one falls back under normal retention.
        var released = await app.ClientFor(lieutenant).PostAsJsonAsync($"/api/holds/{holdId}/release", new { reason = "case closed" });
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal("Released", (await Json(released)).GetProperty("runtimeStatus").GetString());
        Assert.False(await app.ReadExistsAsync(old));
        Assert.False(await app.ImageExistsAsync(old));
        Assert.True(await app.ReadExistsAsync(young));

        // Every step is audited; the case owner was notified through Event Grid.
        var audit = app.Get<CosmosAuditLog>().Documents;
        var actions = await audit.QueryAsync<Alpr.Core.Audit.AuditEntry>(new QueryDefinition("SELECT * FROM c WHERE c.target = @h").WithParameter("@h", holdId));
        foreach (var a in new[] { "hold.place", "hold.mark-held", "hold.copy-evidence", "hold.schedule-review", "hold.notify-owner", "hold.release", "hold.unmark", "hold.purge-expired" })
            Assert.Contains(actions, e => e.Action == a);
        Assert.True(await app.Factory.Servers.EventGrid.WaitForAsync(
            evs => evs.Any(e => e.GetProperty("type").GetString() == EvidenceHoldService.PlacedEvent && e.GetProperty("subject").GetString() == $"holds/{holdId}"),
            TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Crash_between_steps_resumes_from_the_recorded_step_and_the_read_is_protected_meanwhile()
    {
        var app = await RetentionApp.CreateAsync();
        var old = await app.SeedAsync(500);
        var holds = app.Get<EvidenceHoldService>();
        var refs = (await app.Get<ReadHoldMarkers>().FindAsync([old.Id], default)).Found;
        var hold = await holds.CreateAsync("26-777", LegalBasis.CourtOrder, refs, "sgt-1", "det-1", default);
        var stopped = await holds.AdvanceAsync(hold.HoldId, stopAfter: HoldStep.MarkHeld);
        Assert.Equal(HoldState.Placing, stopped!.State);
        Assert.Equal(HoldStep.CopyEvidence, stopped.NextStep);

        // The process "died" here. A purge in between must not touch the read.
        var run = await app.Get<PurgeExecutor>().RunAsync("test");
        Assert.Equal(1, run.SkippedHeld);
        Assert.True(await app.ReadExistsAsync(old));

        // The EvidenceHoldSteps timer picks the workflow up where it stopped.
        var resp = await app.App.CreateClient().PostAsJsonAsync("/EvidenceHoldSteps", new { Data = new { }, Metadata = new { } });
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        var after = (await app.Get<CosmosHoldStore>().GetAsync(hold.HoldId, default))!.Value;
        Assert.Equal(HoldState.Active, after.State);
        Assert.Equal(HoldStep.Done, after.NextStep);
        Assert.NotNull(after.ManifestBlob);
    }

    [Fact]
    public async Task Review_timer_fires_after_90_days_and_schedules_the_next()
    {
        var app = await RetentionApp.CreateAsync();
        var read = await app.SeedAsync(5);
        var holds = app.Get<EvidenceHoldService>();
        var refs = (await app.Get<ReadHoldMarkers>().FindAsync([read.Id], default)).Found;
        var hold = await holds.CreateAsync("26-888", LegalBasis.DiscoveryRequest, refs, "sgt-1", "det-1", default);
        var placed = (await holds.AdvanceAsync(hold.HoldId))!;
        Assert.Equal(0, await holds.ReviewDueAsync(default));

        app.Time.Advance(TimeSpan.FromDays(91));
        var resp = await app.App.CreateClient().PostAsJsonAsync("/EvidenceHoldReview", new { Data = new { }, Metadata = new { } });
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        var after = (await app.Get<CosmosHoldStore>().GetAsync(hold.HoldId, default))!.Value;
        Assert.Equal(placed.NextReviewAt!.Value.AddDays(90), after.NextReviewAt);
        Assert.Contains(after.History, h => h.Event == "review-due");
    }

    [Fact]
    public async Task Hold_by_search_covers_the_matching_reads()
    {
        var app = await RetentionApp.CreateAsync();
        var a = await app.SeedAsync(3, plate: "8XYZ999");
        await app.SeedAsync(3, plate: "1OTHER1");
        var sergeant = await app.Factory.AddUserAsync(Role.Sergeant);
        var now = app.Time.GetUtcNow();
        var resp = await app.ClientFor(sergeant).PostAsJsonAsync("/api/holds", new
        {
            caseNumber = "26-999", legalBasis = "civil-action",
            search = new { plate = "8xyz999", cameraId = app.Camera, from = now.AddDays(-10), to = now },
        });
        Assert.True(resp.StatusCode == HttpStatusCode.Accepted, await resp.Content.ReadAsStringAsync());
        var reads = (await Json(resp)).GetProperty("hold").GetProperty("reads").EnumerateArray().Select(r => r.GetProperty("readId").GetString()).ToList();
        Assert.Equal([a.Id], reads);
    }

    [Theory]
    [InlineData("{\"legalBasis\":\"court-order\",\"readIds\":[\"R\"]}", "caseNumber")]
    [InlineData("{\"caseNumber\":\"26-1\",\"legalBasis\":\"because\",\"readIds\":[\"R\"]}", "legalBasis")]
    [InlineData("{\"caseNumber\":\"26-1\",\"legalBasis\":\"court-order\",\"readIds\":[\"no-such-read\"]}", "unknown read ids")]
    [InlineData("{\"caseNumber\":\"26-1\",\"legalBasis\":\"court-order\"}", "either readIds or search")]
    [InlineData("{\"caseNumber\":\"26-1\",\"legalBasis\":\"court-order\",\"search\":{\"plate\":\"X\"}}", "from < to")]
    [InlineData("not json", "body must be JSON")]
    public async Task Bad_hold_requests_are_400_with_a_message_and_create_nothing(string body, string message)
    {
        var app = await RetentionApp.CreateAsync();
        var read = await app.SeedAsync(1);
        var sergeant = await app.Factory.AddUserAsync(Role.Sergeant);
        var resp = await app.ClientFor(sergeant).PostAsync("/api/holds",
            new StringContent(body.Replace("\"R\"", $"\"{read.Id}\""), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, resp.StatusCode);
        Assert.Contains(message, await resp.Content.ReadAsStringAsync());
        Assert.Empty(await app.Get<CosmosHoldStore>().AllAsync(default));
    }

    [Fact]
    public async Task Only_permitted_roles_place_release_purge_and_report()
    {
        var app = await RetentionApp.CreateAsync();
        var read = await app.SeedAsync(1);
        var officer = await app.Factory.AddUserAsync(Role.Officer);
        var sergeant = await app.Factory.AddUserAsync(Role.Sergeant);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(officer).PostAsJsonAsync("/api/holds",
            new { caseNumber = "26-1", legalBasis = "court-order", readIds = new[] { read.Id } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(sergeant).PostAsync("/api/admin/purge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(sergeant).GetAsync("/api/admin/retention/over-retention")).StatusCode);
        var placed = await app.ClientFor(sergeant).PostAsJsonAsync("/api/holds", new { caseNumber = "26-1", legalBasis = "court-order", readIds = new[] { read.Id } });
        string id = (await Json(placed)).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(sergeant).PostAsJsonAsync($"/api/holds/{id}/release", new { reason = "x" })).StatusCode);
        var lieutenant = await app.Factory.AddUserAsync(Role.Lieutenant);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ClientFor(lieutenant).PostAsJsonAsync($"/api/holds/{id}/release", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(lieutenant).PostAsJsonAsync("/api/holds/hold-nope/release", new { reason = "closed" })).StatusCode);
    }
}
