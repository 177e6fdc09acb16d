using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alpr.Core.Access;
using Alpr.Core.Cameras;
using Alpr.Core.Pipeline;
using Alpr.Core.Reads;
using Alpr.Core.Releases;
using Alpr.Core.Workflows;
using Alpr.Functions.Releases;
using Alpr.Functions.Workflows;
using Alpr.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Alpr.Functions.Tests.Releases;

/// <summary>Release requests end to end: filing, policy, approval link page, replay/forgery/expiry, export, download, events.</summary>
public class ReleaseApiTests : IAsyncLifetime
{
    private AppFactory _factory = null!;
    private WebApplicationFactory<Program> _app = null!;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _s = Guid.NewGuid().ToString("N")[..8];
    private string Captain => "captain-" + _s;
    private string Chief => "chief-" + _s;

    public async Task InitializeAsync()
    {
        _factory = await AppFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["Storage:WorkflowStepQueue"] = "wf" + _s,
            ["Releases:LinkSigningKey"] = _key,
            ["Releases:Approvers:0"] = Captain,
            ["Releases:Approvers:1"] = Chief,
            ["Releases:ExportsContainer"] = "exports" + _s,
        });
        _app = _factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(_time)));
        await _factory.AddUserAsync(Role.Captain, Captain);
        await _factory.AddUserAsync(Role.Chief, Chief);
    }

    public async Task DisposeAsync() { await _app.DisposeAsync(); await _factory.DisposeAsync(); }

    private T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();
    private HttpClient Client(AlprUser? u = null)
    {
        var c = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (u is not null) c.DefaultRequestHeaders.Authorization = _factory.ClientFor(u).DefaultRequestHeaders.Authorization;
        return c;
    }
    private Task<AlprUser> User(Role role, string id) => _factory.AddUserAsync(role, id);

    private static object Request(string plate, string agencyType = "localLawEnforcement", string state = "CA", string basis = "none") => new
    {
        agency = new { name = "Fresno PD", type = agencyType, state, ori = "CA0100000" },
        person = new { name = "Det. Smith", contact = "smith@fresno.example" },
        purpose = "criminalInvestigation", purposeDetail = "armed robbery follow-up", caseNumber = "24-00123",
        scope = new { plates = new[] { plate } }, legalBasis = new { kind = basis }, deliveryContact = "records@fresno.example",
    };

    private async Task<PlateRead> AddReadAsync(string plate)
    {
        string id = Guid.NewGuid().ToString("N");
        string blob = $"cam-{_s}/2026/03/01/{id}.jpg";
        await _factory.Storage.Container("captures").GetBlobClient(blob).UploadAsync(new BinaryData(Encoding.UTF8.GetBytes("jpeg bytes " + id)));
        var read = new PlateRead
        {
            Id = id + "-0", CaptureId = id, CameraId = "cam-" + _s, CameraKind = CameraKind.Fixed, CapturedAt = _time.GetUtcNow().AddDays(-1),
            ProcessedAt = _time.GetUtcNow(), Plate = plate, Confidence = 0.97, Engine = "test", ImageBlob = "captures/" + blob,
        };
        await Get<IReadStore>().UpsertAsync(read);
        return read;
    }

    private async Task<string> FileAsync(AlprUser requester, object body)
    {
        var r = await Client(requester).PostAsJsonAsync("/api/releases", body);
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var json = (await r.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal($"/api/workflows/{json["id"]}", r.Headers.Location!.OriginalString);
        return (string)json["id"]!;
    }

    private async Task<string> LinkAsync(string id, AlprUser approver) =>
        (string)(await (await Client(approver).GetAsync($"/api/releases/{id}/approval-link")).Content.ReadFromJsonAsync<JsonObject>())!["link"]!;

    private static string PathOf(string link) => new Uri(link).PathAndQuery;
    private static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=") + 6)..]);

    private async Task<HttpResponseMessage> DecideAsync(string token, string decision, string comment = "ok") =>
        await Client().PostAsync("/api/releases/approve", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["decision"] = decision, ["comment"] = comment }));

    private async Task DeliverStepsAsync()
    {
        var queue = Get<WorkflowStepQueue>();
        var runner = Get<WorkflowStepRunner>();
        for (int round = 0; round < 5; round++)
        {
            var batch = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30));
            if (batch.Count == 0) return;
            foreach (var m in batch) { await runner.RunAsync(m.Step, m.DequeueCount, CancellationToken.None); await queue.CompleteAsync(m); }
        }
    }

    private async Task<WorkflowInstance> InstanceAsync(string id) => (await Get<IWorkflowStore>().ReadAsync(id))!.Instance;

    [Fact]
    public async Task Bad_requests_get_a_400_naming_the_problem_and_file_nothing()
    {
        var officer = await User(Role.Officer, "officer-" + _s);
        var http = Client(officer);
        var notJson = await http.PostAsync("/api/releases", new StringContent("{nope", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        var missing = await http.PostAsJsonAsync("/api/releases", new { agency = new { name = "X", type = "localLawEnforcement", state = "CA" } });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("caseNumber", await missing.Content.ReadAsStringAsync());
        var badEnum = await http.PostAsJsonAsync("/api/releases", Request("ABC123", agencyType: "spaceForce"));
        Assert.Equal(HttpStatusCode.BadRequest, badEnum.StatusCode);
    }

    [Fact]
    public async Task Approved_through_the_link_page_then_exported_downloaded_and_published()
    {
        var officer = await User(Role.Officer, "officer-" + _s);
        var read = await AddReadAsync("REL" + _s[..4].ToUpperInvariant());
        string id = await FileAsync(officer, Request(read.Plate));
        var captain = new AlprUser { Id = Captain, Name = "c", Role = Role.Captain };
        string link = await LinkAsync(id, captain);

        var page = await Client().GetAsync(PathOf(link));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("24-00123", html);
        Assert.Contains("1 read(s)", html);
        Assert.Contains("law-enforcement-request", html);

        var approved = await DecideAsync(TokenOf(link), "approve", "within policy");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Contains("approved", await approved.Content.ReadAsStringAsync());
        // Single use: the same link again is refused and changes nothing.
        Assert.Equal(HttpStatusCode.Gone, (await DecideAsync(TokenOf(link), "deny")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await Client().GetAsync(PathOf(link))).StatusCode);

        await DeliverStepsAsync();
        var done = await InstanceAsync(id);
        Assert.Equal("fulfilled", done.State);
        var status = await Client(officer).GetAsync($"/api/releases/{id}");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var decision = (await status.Content.ReadFromJsonAsync<JsonObject>())!["customStatus"]!["decision"]!;
        Assert.Equal(Captain, (string)decision["by"]!);
        Assert.Equal("within policy", (string)decision["comment"]!);

        var download = await Client(officer).GetFromJsonAsync<JsonObject>($"/api/releases/{id}/download");
        var files = download!["files"]!.AsArray();
        var csv = files.Single(f => (string)f!["name"]! == "reads.csv")!;
        using var raw = new HttpClient();
        var bytes = await raw.GetByteArrayAsync((string)csv["url"]!);
        Assert.Equal((string)csv["sha256"]!, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Contains(read.Plate, Encoding.UTF8.GetString(bytes));
        Assert.Contains(files, f => ((string)f!["name"]!).StartsWith("images/captures/"));
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(captain).GetAsync($"/api/releases/{id}/download")).StatusCode); // only the requester

        var topic = _factory.Servers.EventGrid;
        Assert.True(await topic.WaitForAsync(evs => new[] { "Requested", "Approved", "Fulfilled" }.All(t =>
            evs.Any(e => e.GetProperty("type").GetString() == "Alpr.Release." + t && e.GetProperty("subject").GetString() == $"/releases/{id}")), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Forged_tampered_and_expired_links_are_refused()
    {
        var officer = await User(Role.Officer, "officer-" + _s);
        string id = await FileAsync(officer, Request("FRG123"));
        string token = TokenOf(await LinkAsync(id, new AlprUser { Id = Captain, Name = "c", Role = Role.Captain }));
        var claims = ApprovalToken.Verify(token, Convert.FromBase64String(_key), _time.GetUtcNow()).Claims!;

        string forged = ApprovalToken.Sign(claims, RandomNumberGenerator.GetBytes(32));
        Assert.Equal(HttpStatusCode.BadRequest, (await DecideAsync(forged, "approve")).StatusCode);
        string other = ApprovalToken.Sign(claims with { ApproverId = officer.Id }, RandomNumberGenerator.GetBytes(32));
        string tampered = other[..other.IndexOf('.')] + token[token.IndexOf('.')..];
        Assert.Equal(HttpStatusCode.BadRequest, (await DecideAsync(tampered, "approve")).StatusCode);

        _time.Advance(TimeSpan.FromHours(73));
        Assert.Equal(HttpStatusCode.Gone, (await DecideAsync(token, "approve")).StatusCode);
        Assert.Equal("awaiting-approval", (await InstanceAsync(id)).State);
    }

    [Fact]
    public async Task A_captain_cannot_approve_their_own_request_it_goes_to_the_chief()
    {
        var captain = new AlprUser { Id = Captain, Name = "c", Role = Role.Captain };
        string id = await FileAsync(captain, Request("OWN123"));
        var own = await Client(captain).GetAsync($"/api/releases/{id}/approval-link");
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal(Chief, ReleaseJson.From<ReleaseStatus>((await InstanceAsync(id)).CustomStatus)!.ApproverId);
        // Even a link forged with the real key for the requester is refused by the workflow's rule.
        var status = ReleaseJson.From<ReleaseStatus>((await InstanceAsync(id)).CustomStatus)!;
        string selfLink = ApprovalToken.Sign(new ApprovalClaims(id, Captain, status.LinkExpiresAt!.Value, status.Nonce!), Convert.FromBase64String(_key));
        Assert.Equal(HttpStatusCode.Gone, (await DecideAsync(selfLink, "approve")).StatusCode);
        Assert.Equal("awaiting-approval", (await InstanceAsync(id)).State);
    }

    [Fact]
    public async Task No_answer_escalates_to_the_chief_then_expires_and_late_approval_is_refused()
    {
        var officer = await User(Role.Officer, "officer-" + _s);
        string id = await FileAsync(officer, Request("ESC123"));
        string captainLink = await LinkAsync(id, new AlprUser { Id = Captain, Name = "c", Role = Role.Captain });
        var timer = _app.Services.GetServices<Alpr.Functions.Hosting.IFunctionHandler>().Single(h => h.Name == "WorkflowTimeouts");

        _time.Advance(TimeSpan.FromHours(72));
        await timer.InvokeAsync(new Alpr.Functions.Hosting.InvocationRequest(), CancellationToken.None);
        Assert.Equal(Chief, ReleaseJson.From<ReleaseStatus>((await InstanceAsync(id)).CustomStatus)!.ApproverId);
        string chiefLink = await LinkAsync(id, new AlprUser { Id = Chief, Name = "c", Role = Role.Chief });
        Assert.Equal(HttpStatusCode.Gone, (await DecideAsync(TokenOf(captainLink), "approve")).StatusCode);

        _time.Advance(TimeSpan.FromHours(72));
        await timer.InvokeAsync(new Alpr.Functions.Hosting.InvocationRequest(), CancellationToken.None);
        Assert.Equal("expired", (await InstanceAsync(id)).State);
        Assert.Equal(HttpStatusCode.Gone, (await DecideAsync(TokenOf(chiefLink), "approve")).StatusCode);
    }

    [Fact]
    public async Task Policy_refused_requests_end_at_once_with_the_rule()
    {
        var officer = await User(Role.Officer, "officer-" + _s);
        var r = await Client(officer).PostAsJsonAsync("/api/releases", Request("OUT123", state: "NV"));
        var json = (await r.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("out-of-state-needs-court-order", (string)json["policy"]!["rule"]!);
        Assert.Equal("denied", (await InstanceAsync((string)json["id"]!)).State);
    }

    [Fact]
    public async Task A_crash_between_approval_and_export_resumes_without_a_second_export()
    {
        var officer = await User(Role.Officer, "officer-" + _s);
        var read = await AddReadAsync("CRS" + _s[..4].ToUpperInvariant());
        string id = await FileAsync(officer, Request(read.Plate));
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(TokenOf(await LinkAsync(id, new AlprUser { Id = Captain, Name = "c", Role = Role.Captain })), "approve")).StatusCode);

        // The worker exported, then died before recording completion (and before deleting its message).
        var export = _app.Services.GetServices<IWorkflowStepHandler>().Single(h => h.Step == "export");
        await export.RunAsync(await InstanceAsync(id), CancellationToken.None);
        var manifestBlob = _factory.Storage.Container("exports" + _s).GetBlobClient(ReleaseExportStep.ManifestBlob(id));
        var firstEtag = (await manifestBlob.GetPropertiesAsync()).Value.ETag;
        Assert.Equal("fulfilling", (await InstanceAsync(id)).State);

        await DeliverStepsAsync(); // the redelivered step runs again
        Assert.Equal("fulfilled", (await InstanceAsync(id)).State);
        Assert.Equal(firstEtag, (await manifestBlob.GetPropertiesAsync()).Value.ETag); // the manifest was written once
    }
}
