using System.Net;
using System.Net.Http.Json;
using Alpr.Core.Access;
using Alpr.Core.Alerts;
using Alpr.Core.Cameras;
using Alpr.Core.Reads;
using Alpr.Core.Reports;
using Alpr.Cosmos;

namespace Alpr.Functions.Tests.Reports;

/// <summary>
/// A quarter lived through the real API: the fake clock starts 20 days into the last ended quarter, an officer
/// views six images and searches under a case, confirms one hit and rejects another, files a release the policy
/// denies, a sergeant places a hold; an old unheld read lies in Cosmos. Then the clock moves to now.
/// </summary>
public sealed class ReportApiFixture : IAsyncLifetime
{
    public const string Case = "26-000111";
    public ReportApp App { get; private set; } = null!;
    public Quarter Quarter { get; } = ReportApp.LastEndedQuarter;
    public List<PlateRead> Reads { get; } = [];
    public PlateRead OldRead { get; private set; } = null!;
    public AlprUser Officer { get; private set; } = null!;
    public AlprUser Sergeant { get; private set; } = null!;
    public AlprUser Auditor { get; private set; } = null!;
    public AlprUser Admin { get; private set; } = null!;
    public AlprUser Chief { get; private set; } = null!;
    public AlprUser Captain { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var start = Quarter.Start(ReportApp.Pacific).AddDays(20).AddHours(12);
        App = await ReportApp.CreateAsync(start);
        Officer = await App.Factory.AddUserAsync(Role.Officer);
        Sergeant = await App.Factory.AddUserAsync(Role.Sergeant);
        Auditor = await App.Factory.AddUserAsync(Role.Auditor);
        Admin = await App.Factory.AddUserAsync(Role.AlprAdministrator);
        Chief = await App.Factory.AddUserAsync(Role.Chief);
        Captain = await App.Factory.AddUserAsync(Role.Captain);

        for (int i = 0; i < 6; i++) Reads.Add(await App.SeedReadAsync(start.AddHours(-i), plate: $"7ABC12{i}"));
        Reads.Add(await App.SeedReadAsync(start.AddHours(-7), plate: "8MOB001", kind: CameraKind.Mobile));
        // Captured 800 local days before the quarter's last day, no hold: must show as a finding.
        OldRead = await App.SeedReadAsync(Core.Retention.RetentionClock.StartOfDay(Quarter.LastDay.AddDays(-800), ReportApp.Pacific).AddHours(12), plate: "1OLD000");

        using var officer = App.ClientFor(Officer);
        foreach (var r in Reads.Take(6))
            Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(
                $"/api/reads/{CosmosReadStore.PartitionFor(r)}/{r.Id}/image?reason=criminal-investigation&caseNumber={Case}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(
            $"/api/reads/search?plate=7ABC120&reason=criminal-investigation&caseNumber={Case}&from={Uri.EscapeDataString(start.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(start.AddHours(1).ToString("O"))}")).StatusCode);

        var alerts = App.Get<CosmosAlertStore>();
        foreach (var (r, n) in new[] { (Reads[0], 0), (Reads[1], 1) })
            await alerts.CreateIfAbsentAsync(new HitAlert
            {
                Id = HitAlert.MakeId(r.Id, "e" + n), ReadId = r.Id, CameraId = r.CameraId, CapturedAt = r.CapturedAt, Plate = r.Plate, EntryId = "e" + n,
                EntryPlate = r.Plate, ListId = "ncic-stolen", MatchKind = "exact", MatchConfidence = 1, Priority = 1, RaisedAt = r.CapturedAt, ImageBlob = r.ImageBlob,
            });
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/alerts/{HitAlert.MakeId(Reads[0].Id, "e0")}/verify", new { verdict = "confirmed" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/alerts/{HitAlert.MakeId(Reads[1].Id, "e1")}/verify", new { verdict = "rejected" })).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsJsonAsync("/api/releases", new
        {
            agency = new { name = "ICE ERO", type = "federalLawEnforcement", state = "CA" },
            person = new { name = "Agent X", contact = "x@example.gov" },
            purpose = "immigrationEnforcement", purposeDetail = "removal case", caseNumber = Case,
            scope = new { plates = new[] { "7ABC120" } }, legalBasis = new { kind = "none" }, deliveryContact = "x@example.gov",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await App.ClientFor(Sergeant).PostAsJsonAsync("/api/holds",
            new { caseNumber = Case, legalBasis = "criminal-case", readIds = new[] { Reads[0].Id } })).StatusCode);

        App.Time.SetUtcNow(DateTimeOffset.UtcNow);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
