using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alpr.Core.Access;
using Alpr.Core.Alerts;
using Alpr.Core.Audit;
using Alpr.Core.Cameras;
using Alpr.Core.Events;
using Alpr.Core.Hotlists;
using Alpr.Core.Plates;
using Alpr.Cosmos;
using Alpr.Functions.Captures;
using Alpr.Functions.Hotlists;
using Alpr.LocalServers;
using Alpr.Testing;
using Microsoft.Azure.Cosmos;

namespace Alpr.Functions.Tests.Alerts;

/// <summary>
/// Hits raised by the real pipeline on a real photograph, then verified by operators through the API: events
/// reach the local Event Grid topic, every verdict is audited with the operator, and verdicts are final.
/// </summary>
public class AlertVerificationApiTests : IAsyncLifetime
{
    private AppFactory _app = null!;
    private readonly HttpClient _storage = new();
    private string _plate = "";
    private byte[] _image = [];

    public async Task InitializeAsync()
    {
        _app = await AppFactory.CreateAsync();
        // A photograph the recogniser reads exactly (checked here, so the test does not depend on one file).
        foreach (var img in TestData.Labelled(TestData.EndToEndUs).Where(i => Path.GetFileName(i.Path).StartsWith("car")))
        {
            var bytes = await File.ReadAllBytesAsync(img.Path);
            var read = await _app.Get<Alpr.Core.Recognition.IPlateRecognizer>().RecognizeAsync(bytes);
            if (read.Plates.Count > 0 && PlateText.Normalize(read.Plates[0].Text) == PlateText.Normalize(img.Plate)) { _plate = PlateText.Normalize(img.Plate); _image = bytes; break; }
        }
        Assert.NotEmpty(_plate);
        var list = new Hotlist { Id = "svs-" + _app.Suffix, Name = "SVS", Source = HotlistSource.Svs, RefreshedAt = DateTimeOffset.UtcNow };
        await _app.Get<CosmosHotlistStore>().ReplaceListAsync(list, [new HotlistEntry { Id = "e1", ListId = list.Id, Plate = _plate, State = "CA", Reason = "stolen vehicle", Priority = 1, EnteredBy = "t", EnteredAt = DateTimeOffset.UtcNow }]);
        await _app.Get<HotlistIndexLoader>().RefreshAsync(force: true);
    }

    public async Task DisposeAsync() { _storage.Dispose(); await _app.DisposeAsync(); }

    private async Task<UploadTicket> CaptureAsync(string camera, DateTimeOffset at)
    {
        string key = await _app.AddCameraAsync(camera);
        var ticket = await new CameraSimulator(_app.CreateClient(), _storage, camera, key).UploadAsync(_image, at);
        await _app.Get<ProcessCaptureFunction>().RunAsync(ticket.BlobName["captures/".Length..], default);
        return ticket;
    }

    private async Task<IReadOnlyList<HitAlert>> AlertsOfAsync(string camera) =>
        await _app.Get<CosmosAlertStore>().Documents.QueryAsync<HitAlert>(new QueryDefinition("SELECT * FROM c WHERE c.cameraId = @c").WithParameter("@c", camera));

    [Fact]
    public async Task Dispatcher_confirms_a_hit_once_and_the_event_and_audit_follow()
    {
        await CaptureAsync("cam-a", DateTimeOffset.UtcNow.AddMinutes(-1));
        var alert = Assert.Single(await AlertsOfAsync("cam-a"));
        var dispatcher = await _app.AddUserAsync(Role.Dispatcher);
        using var client = _app.ClientFor(dispatcher);

        var queue = await client.GetFromJsonAsync<JsonElement>("/api/alerts?status=unverified");
        Assert.Contains(queue.EnumerateArray(), a => a.GetProperty("id").GetString() == alert.Id);

        var resp = await client.PostAsJsonAsync($"/api/alerts/{alert.Id}/verify", new { verdict = "confirmed", note = "image matches NCIC entry, CA" });
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        var again = await client.PostAsJsonAsync($"/api/alerts/{alert.Id}/verify", new { verdict = "rejected" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var stored = (await _app.Get<CosmosAlertStore>().GetAsync(alert.Id))!.Alert;
        Assert.Equal(AlertStatus.Confirmed, stored.Status);
        Assert.Equal(dispatcher.Id, stored.VerifiedBy);
        var topic = _app.Servers.EventGrid;
        Assert.True(await topic.WaitForAsync(ev => ev.Any(e => e.GetProperty("id").GetString() == $"{alert.Id}:confirmed"), TimeSpan.FromSeconds(10)));
        var confirmed = topic.OfType(AlprEventTypes.HitConfirmed).Single(e => e.GetProperty("id").GetString() == $"{alert.Id}:confirmed");
        Assert.Equal(dispatcher.Id, confirmed.GetProperty("data").GetProperty("verifiedBy").GetString());

        var audit = await _app.Get<CosmosAuditLog>().Documents.QueryAsync<AuditEntry>(new QueryDefinition("SELECT * FROM c WHERE c.target = @t").WithParameter("@t", alert.Id));
        Assert.Contains(audit, a => a.Action == "alert.confirmed" && a.Outcome == AuditOutcome.Allowed && a.ActorId == dispatcher.Id);
        Assert.Contains(audit, a => a.Action == "alert.rejected" && a.Outcome == AuditOutcome.Refused);
    }

    [Fact]
    public async Task Unauthorised_or_untrained_operators_are_refused_and_logged()
    {
        await CaptureAsync("cam-b", DateTimeOffset.UtcNow.AddMinutes(-1));
        var alert = Assert.Single(await AlertsOfAsync("cam-b"));
        var contractor = await _app.AddUserAsync(Role.MaintenanceContractor);
        var lapsed = await _app.AddUserAsync(Role.Dispatcher, trainingExpires: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1));

        foreach (var user in new[] { contractor, lapsed })
        {
            using var client = _app.ClientFor(user);
            var resp = await client.PostAsJsonAsync($"/api/alerts/{alert.Id}/verify", new { verdict = "confirmed" });
            Assert.Equal(HttpStatusCode.Forbidden, resp.StatusCode);
        }
        using (var anonymous = _app.CreateClient())
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/alerts/{alert.Id}/verify", new { verdict = "confirmed" })).StatusCode);

        Assert.Equal(AlertStatus.Unverified, (await _app.Get<CosmosAlertStore>().GetAsync(alert.Id))!.Alert.Status);
        var refusals = await _app.Get<CosmosAuditLog>().Documents.QueryAsync<AuditEntry>(new QueryDefinition("SELECT * FROM c WHERE c.outcome = 'refused'"));
        Assert.Contains(refusals, r => r.ActorId == contractor.Id && r.Detail!.Contains("may not"));
        Assert.Contains(refusals, r => r.ActorId == lapsed.Id && r.Detail!.Contains("training expired"));
    }

    [Fact]
    public async Task Correction_keeps_both_plates_on_the_read()
    {
        var ticket = await CaptureAsync("cam-c", DateTimeOffset.UtcNow.AddMinutes(-1));
        var alert = Assert.Single(await AlertsOfAsync("cam-c"));
        var officer = await _app.AddUserAsync(Role.Officer);
        using var client = _app.ClientFor(officer);
        string seen = _plate[..^1] + (_plate[^1] == '9' ? '8' : '9');

        var resp = await client.PostAsJsonAsync($"/api/alerts/{alert.Id}/verify", new { verdict = "corrected", correctedPlate = seen });
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        var read = await _app.Get<CosmosReadStore>().GetAsync(alert.ReadId, ticket.BlobName);
        Assert.Equal(_plate, read!.Plate);
        Assert.Equal(seen, read.CorrectedPlate);
        Assert.Equal(officer.Id, read.CorrectedBy);
        Assert.True(await _app.Servers.EventGrid.WaitForAsync(ev => ev.Any(e => e.GetProperty("id").GetString() == $"{alert.Id}:corrected"), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_same_plate_seen_again_by_the_same_camera_within_minutes_raises_one_alert()
    {
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-3);
        await CaptureAsync("cam-d", t0);
        string key = await _app.AddCameraAsync("cam-d");
        var again = await new CameraSimulator(_app.CreateClient(), _storage, "cam-d", key).UploadAsync(_image, t0.AddSeconds(40));
        await _app.Get<ProcessCaptureFunction>().RunAsync(again.BlobName["captures/".Length..], default);
        Assert.Single(await AlertsOfAsync("cam-d"));
        await CaptureAsync("cam-e", t0.AddSeconds(40)); // another camera: its own alert
        Assert.Single(await AlertsOfAsync("cam-e"));
    }
}
