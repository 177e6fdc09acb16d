using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alpr.Core.Access;
using Alpr.Core.Retention.Holds;
using Alpr.Cosmos;
using Alpr.Retention;
using Microsoft.Azure.Cosmos;

namespace Alpr.Functions.Tests.Retention;

/// <summary>The evidence hold on the shared workflow runtime: its friendly API, its steps from the queue, its timer.</summary>
public class EvidenceHoldTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static async Task<string> PlaceAsync(RetentionApp app, Alpr.Core.Access.AlprUser by, params string[] readIds)
    {
        var placed = await app.ClientFor(by).PostAsJsonAsync("/api/holds",
            new { caseNumber = "26-001234", legalBasis = "criminal-case", readIds, caseOwner = "det-42" });
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        return (await Json(placed)).GetProperty("id").GetString()!;
    }

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
        var start = await Json(placed);
        string holdId = start.GetProperty("id").GetString()!;
        // Durable's start answer: the status URL is the shared workflow status endpoint.
        Assert.Equal($"/api/workflows/{holdId}", placed.Headers.Location!.OriginalString);
        Assert.Equal($"/api/workflows/{holdId}", start.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal("Placing", start.GetProperty("state").GetString());

        // Protected from the moment the request was answered, before any step ran.
        var early = await app.ClientFor(admin).PostAsync("/api/admin/purge", null);
        Assert.Equal(1, (await Json(early)).GetProperty("skippedHeld").GetInt32());
        Assert.True(await app.ReadExistsAsync(old));

        Assert.Equal(["mark-held: 200", "copy-evidence: 200", "schedule-review: 200", "notify-owner: 200"], await app.DeliverStepsAsync());
        var status = await Json(await app.ClientFor(sergeant).GetAsync($"/api/holds/{holdId}"));
        Assert.Equal("Active", status.GetProperty("state").GetString());
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString()); // an active hold waits for its release or review
        var events = status.GetProperty("hold").GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString()).ToList();
        Assert.Equal(["placed", "mark-held", "copy-evidence", "schedule-review", "notify-owner"], events);

        // The same instance through the generic Durable-style status endpoint, with the runtime's history.
        var wf = await app.ClientFor(sergeant).GetAsync($"/api/workflows/{holdId}?showHistory=true");
        Assert.Equal(HttpStatusCode.Accepted, wf.StatusCode);
        var wfBody = await Json(wf);
        Assert.Equal("evidence-hold", wfBody.GetProperty("name").GetString());
        Assert.Equal(4, wfBody.GetProperty("historyEvents").EnumerateArray().Count(h => h.GetProperty("type").GetString() == "StepCompleted"));

        // The evidence package: every file's SHA-256 in the manifest matches what is stored.
        var hold = (await app.Get<CosmosHoldStore>().GetAsync(holdId, default))!;
        var evidence = app.Get<EvidenceStore>();
        var manifest = await evidence.ReadManifestAsync(hold.ManifestBlob!, default);
        Assert.Equal(6, manifest.Files.Count); // two read documents, two images, two crops
        Assert.Empty(manifest.Missing);
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
        Assert.Equal(HttpStatusCode.Accepted, released.StatusCode);
        Assert.Equal("Releasing", (await Json(released)).GetProperty("state").GetString());
        Assert.Equal(["unmark: 200", "purge-expired: 200", "notify-released: 200"], await app.DeliverStepsAsync());
        var after = await Json(await app.ClientFor(sergeant).GetAsync($"/api/holds/{holdId}"));
        Assert.Equal("Released", after.GetProperty("state").GetString());
        Assert.Equal("Completed", after.GetProperty("runtimeStatus").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(sergeant).GetAsync($"/api/workflows/{holdId}")).StatusCode);
        Assert.False(await app.ReadExistsAsync(old));
        Assert.False(await app.ImageExistsAsync(old));
        Assert.True(await app.ReadExistsAsync(young));
        Assert.Contains(await app.Get<CosmosPurgeRecords>().RecentAsync(10, default), r => r.Trigger == "hold-release:" + holdId && r.DeletedReads == 1);

        // Every step is audited; the case owner was notified through Event Grid.
        var audit = app.Get<CosmosAuditLog>().Documents;
        var actions = await audit.QueryAsync<Alpr.Core.Audit.AuditEntry>(new QueryDefinition("SELECT * FROM c WHERE c.target = @h").WithParameter("@h", holdId));
        foreach (var a in new[] { "hold.place", "hold.mark-held", "hold.copy-evidence", "hold.schedule-review", "hold.notify-owner", "hold.release", "hold.unmark", "hold.purge-expired", "hold.notify-released" })
            Assert.Contains(actions, e => e.Action == a);
        foreach (var type in new[] { HoldEventTypes.Placed, HoldEventTypes.Released })
            Assert.True(await app.Factory.Servers.EventGrid.WaitForAsync(
                evs => evs.Any(e => e.GetProperty("type").GetString() == type && e.GetProperty("subject").GetString() == $"holds/{holdId}"),
                TimeSpan.FromSeconds(10)), type);
    }

    [Fact]
    public async Task Crash_between_steps_resumes_from_the_recorded_step_and_the_read_is_protected_meanwhile()
    {
        var app = await RetentionApp.CreateAsync();
        var old = await app.SeedAsync(500);
        var sergeant = await app.Factory.AddUserAsync(Role.Sergeant);
        string holdId = await PlaceAsync(app, sergeant, old.Id);
        Assert.Equal(["mark-held: 200"], await app.DeliverStepsAsync(max: 1));
        // The process "died" here, losing the next step's message.
        Assert.Equal(["copy-evidence"], await app.LoseQueuedStepsAsync());
        var stopped = (await app.Get<CosmosHoldStore>().GetAsync(holdId, default))!;
        Assert.Equal(HoldState.Placing, stopped.State);
        Assert.Equal(HoldStep.CopyEvidence, stopped.NextStep);

        // A purge in between must not touch the read.
        var run = await app.Get<PurgeExecutor>().RunAsync("test");
        Assert.Equal(1, run.SkippedHeld);
        Assert.True(await app.ReadExistsAsync(old));

        // Before the stall period nothing is re-sent; after it the WorkflowTimeouts timer re-enqueues the step.
        await app.RunTimeoutsTimerAsync();
        Assert.Empty(await app.DeliverStepsAsync());
        app.Time.Advance(TimeSpan.FromMinutes(6));
        await app.RunTimeoutsTimerAsync();
        Assert.Equal(["copy-evidence: 200", "schedule-review: 200", "notify-owner: 200"], await app.DeliverStepsAsync());
        var after = (await app.Get<CosmosHoldStore>().GetAsync(holdId, default))!;
        Assert.Equal(HoldState.Active, after.State);
        Assert.Equal(HoldStep.Done, after.NextStep);
        Assert.NotNull(after.ManifestBlob);
        var instance = (await app.Get<Alpr.Core.Workflows.IWorkflowStore>().ReadAsync(holdId))!.Instance;
        Assert.Contains(instance.History, h => h.Type == "StepsRequeued" && h.Detail == "copy-evidence");
    }

    [Fact]
    public async Task Review_timeout_fires_every_90_days_re_notifies_and_reschedules()
    {
        var app = await RetentionApp.CreateAsync();
        var read = await app.SeedAsync(5);
        var sergeant = await app.Factory.AddUserAsync(Role.Sergeant);
        string holdId = await PlaceAsync(app, sergeant, read.Id);
        await app.DeliverStepsAsync();
        var placed = (await app.Get<CosmosHoldStore>().GetAsync(holdId, default))!;
        Assert.Equal(app.Time.GetUtcNow().AddDays(90), placed.NextReviewAt);

        await app.RunTimeoutsTimerAsync();
        Assert.Empty(await app.DeliverStepsAsync()); // not due yet

        app.Time.Advance(TimeSpan.FromDays(91));
        await app.RunTimeoutsTimerAsync();
        Assert.Equal(["notify-review: 200"], await app.DeliverStepsAsync());
        var after = (await app.Get<CosmosHoldStore>().GetAsync(holdId, default))!;
        Assert.Equal(HoldState.Active, after.State);
        Assert.Equal(placed.NextReviewAt!.Value.AddDays(90), after.NextReviewAt);
        Assert.Single(after.History, h => h.Event == "review-due");

        // The cadence follows the due dates: the next review fires 180 days after placement, not 90 after the late timer.
        app.Time.Advance(TimeSpan.FromDays(89));
        await app.RunTimeoutsTimerAsync();
        Assert.Equal(["notify-review: 200"], await app.DeliverStepsAsync());
        var second = (await app.Get<CosmosHoldStore>().GetAsync(holdId, default))!;
        Assert.Equal(placed.NextReviewAt!.Value.AddDays(180), second.NextReviewAt);
        Assert.Equal(2, second.History.Count(h => h.Event == "review-due"));

        var audit = await app.Get<CosmosAuditLog>().Documents.QueryAsync<Alpr.Core.Audit.AuditEntry>(
            new QueryDefinition("SELECT * FROM c WHERE c.target = @h AND c.action = 'hold.review-due'").WithParameter("@h", holdId));
        Assert.Equal(2, audit.Count);
        Assert.True(await app.Factory.Servers.EventGrid.WaitForAsync(
            evs => evs.Count(e => e.GetProperty("type").GetString() == HoldEventTypes.ReviewDue && e.GetProperty("subject").GetString() == $"holds/{holdId}") == 2,
            TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_source_image_already_gone_is_recorded_as_missing_once_and_the_owner_is_told()
    {
        var app = await RetentionApp.CreateAsync();
        var read = await app.SeedAsync(3);
        var intact = await app.SeedAsync(3);
        var sergeant = await app.Factory.AddUserAsync(Role.Sergeant);
        await app.Get<Alpr.Storage.StorageClients>().Container("captures").GetBlobClient(read.ImageBlob["captures/".Length..]).DeleteAsync();

        string holdId = await PlaceAsync(app, sergeant, read.Id, intact.Id);
        // Each step runs once and succeeds: no retry loop on a file that will never come back.
        Assert.Equal(["mark-held: 200", "copy-evidence: 200", "schedule-review: 200", "notify-owner: 200"], await app.DeliverStepsAsync());

        var hold = (await app.Get<CosmosHoldStore>().GetAsync(holdId, default))!;
        Assert.Equal(HoldState.Active, hold.State);
        var missing = Assert.Single(hold.MissingEvidence);
        Assert.Equal(read.Id, missing.ReadId);
        Assert.Equal(read.ImageBlob, missing.Source);
        Assert.Contains("not found", missing.Reason);
        Assert.Contains("MISSING", hold.History.Single(h => h.Event == "copy-evidence").Detail);

        // The manifest states the absence; what was copied verifies.
        var evidence = app.Get<EvidenceStore>();
        var manifest = await evidence.ReadManifestAsync(hold.ManifestBlob!, default);
        Assert.Equal(read.ImageBlob, Assert.Single(manifest.Missing).Source);
        Assert.Equal(5, manifest.Files.Count); // two documents, one image, two crops
        var contents = new Dictionary<string, byte[]?>();
        foreach (var f in manifest.Files) contents[f.Path] = await evidence.ReadFileAsync(f.Path, default);
        Assert.Empty(manifest.Mismatches(p => contents[p]));

        // The case owner's notification names it, and so does the audit entry of the step.
        Assert.True(await app.Factory.Servers.EventGrid.WaitForAsync(evs => evs.Any(e =>
            e.GetProperty("type").GetString() == HoldEventTypes.Placed && e.GetProperty("subject").GetString() == $"holds/{holdId}" &&
            e.GetProperty("data").GetProperty("missingEvidence").EnumerateArray().Any(m => m.GetProperty("source").GetString() == read.ImageBlob)),
            TimeSpan.FromSeconds(10)));
        var audit = await app.Get<CosmosAuditLog>().Documents.QueryAsync<Alpr.Core.Audit.AuditEntry>(
            new QueryDefinition("SELECT * FROM c WHERE c.target = @h AND c.action = 'hold.copy-evidence'").WithParameter("@h", holdId));
        Assert.Contains(read.ImageBlob, Assert.Single(audit).Detail);
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
        Assert.Empty(await app.DeliverStepsAsync());
    }

    [Fact]
    public async Task Only_permitted_roles_place_see_release_purge_and_report()
    {
        var app = await RetentionApp.CreateAsync();
        var read = await app.SeedAsync(1);
        var officer = await app.Factory.AddUserAsync(Role.Officer);
        var sergeant = await app.Factory.AddUserAsync(Role.Sergeant);
        var lieutenant = await app.Factory.AddUserAsync(Role.Lieutenant);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(officer).PostAsJsonAsync("/api/holds",
            new { caseNumber = "26-1", legalBasis = "court-order", readIds = new[] { read.Id } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(sergeant).PostAsync("/api/admin/purge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(sergeant).GetAsync("/api/admin/retention/over-retention")).StatusCode);
        string id = await PlaceAsync(app, sergeant, read.Id);

        // The workflow's access rule: holders of PlaceEvidenceHold see it; raising needs ReleaseEvidenceHold.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(officer).GetAsync($"/api/workflows/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(sergeant).PostAsJsonAsync($"/api/workflows/{id}/raiseEvent/release", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor(sergeant).PostAsJsonAsync($"/api/holds/{id}/release", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ClientFor(lieutenant).PostAsJsonAsync($"/api/holds/{id}/release", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(lieutenant).PostAsJsonAsync("/api/holds/hold-nope/release", new { reason = "closed" })).StatusCode);
        // Not yet active (its steps have not run): a release is refused, and nothing changes.
        Assert.Equal(HttpStatusCode.Conflict, (await app.ClientFor(lieutenant).PostAsJsonAsync($"/api/holds/{id}/release", new { reason = "closed" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ClientFor(lieutenant).PostAsJsonAsync($"/api/workflows/{id}/raiseEvent/release", new { reason = "closed" })).StatusCode);

        await app.DeliverStepsAsync();
        // The generic raise-event endpoint applies the same rule: a reason is required.
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ClientFor(lieutenant).PostAsJsonAsync($"/api/workflows/{id}/raiseEvent/release", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await app.ClientFor(lieutenant).PostAsJsonAsync($"/api/workflows/{id}/raiseEvent/release", new { reason = "closed" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await app.ClientFor(lieutenant).PostAsJsonAsync($"/api/holds/{id}/release", new { reason = "closed" })).StatusCode);
    }
}
