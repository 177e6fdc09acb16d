extern alias cli;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Alpr.Core.Audit;
using Alpr.Core.Reports;
using Alpr.Cosmos;
using Alpr.Reporting;
using Microsoft.Azure.Cosmos;

namespace Alpr.Functions.Tests.Reports;

/// <summary>On-demand generation, reading, reviewer findings and refusals, on the quarter the fixture lived through.</summary>
public class ReportApiTests(ReportApiFixture f) : IClassFixture<ReportApiFixture>
{
    private static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
    private string Q => f.Quarter.ToString();

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action, string actor) =>
        await f.App.Get<CosmosAuditLog>().Documents.QueryAsync<AuditEntry>(new QueryDefinition("SELECT * FROM c WHERE c.action = @a AND c.actorId = @u")
            .WithParameter("@a", action).WithParameter("@u", actor));

    private async Task<JsonElement> GenerateAsync()
    {
        var resp = await f.App.ClientFor(f.Auditor).PostAsync($"/api/reports/{Q}", null);
        Assert.Equal(HttpStatusCode.Created, resp.StatusCode);
        return await Json(resp);
    }

    [Fact]
    public async Task On_demand_report_has_the_quarters_figures_and_the_unheld_old_read_as_a_finding()
    {
        var manifest = await GenerateAsync();
        int version = manifest.GetProperty("version").GetInt32();
        var read = await Json(await f.App.ClientFor(f.Chief).GetAsync($"/api/reports/{Q}?version={version}"));
        var s = read.GetProperty("summary");
        var d = s.GetProperty("detection");
        Assert.Equal(7, d.GetProperty("totalReads").GetInt64());
        Assert.Equal([("fixed", 6L), ("mobile", 1L)], d.GetProperty("perSource").EnumerateArray().Select(x => (x.GetProperty("source").GetString()!, x.GetProperty("reads").GetInt64())));
        Assert.Equal(f.App.Camera, d.GetProperty("perCamera")[0].GetProperty("cameraId").GetString());
        Assert.Equal((2L, 1L, 1L), (d.GetProperty("hits").GetInt64(), d.GetProperty("confirmed").GetInt64(), d.GetProperty("rejected").GetInt64()));
        Assert.Equal(0.5, d.GetProperty("misreadRate").GetDouble(), 10);
        Assert.Equal(f.Quarter.Days().Count(), d.GetProperty("perDay").GetArrayLength());

        var a = s.GetProperty("audit");
        var officer = a.GetProperty("accessByUser").EnumerateArray().Single(u => u.GetProperty("userId").GetString() == f.Officer.Id);
        Assert.Equal(10, officer.GetProperty("entries").GetInt64()); // 6 images, 1 search, 2 verdicts, 1 release request
        Assert.Contains(officer.GetProperty("groups").EnumerateArray(), g => g.GetProperty("action").GetString() == "reads.image"
            && g.GetProperty("caseNumber").GetString() == ReportApiFixture.Case && g.GetProperty("allowed").GetInt64() == 6);
        var releases = a.GetProperty("releases");
        Assert.Equal((1L, 1L), (releases.GetProperty("requested").GetInt64(), releases.GetProperty("denied").GetInt64()));
        Assert.Equal("immigration-needs-court-order", releases.GetProperty("requests")[0].GetProperty("policyRule").GetString());
        Assert.Equal(1, a.GetProperty("holds").GetProperty("placed").GetInt64());
        Assert.True(a.GetProperty("chain").GetProperty("intact").GetBoolean());
        var kase = a.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("caseNumber").GetString() == ReportApiFixture.Case);
        Assert.Equal((6L, 1L, 1L, 1L), (kase.GetProperty("imagesViewed").GetInt64(), kase.GetProperty("searches").GetInt64(), kase.GetProperty("holdsPlaced").GetInt64(),
            kase.GetProperty("confirmedHits").GetInt64()));

        var findings = s.GetProperty("findings").EnumerateArray().Select(x => (x.GetProperty("kind").GetString(), x.GetProperty("subject").GetString())).ToList();
        Assert.Contains((Finding.OverRetainedWithoutHold, f.OldRead.Id), findings);
        Assert.Contains((Finding.NoPurgeRun, "retention"), findings);

        var sample = s.GetProperty("sample");
        Assert.Equal(6, sample.GetProperty("candidateCount").GetInt32());
        var items = sample.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        Assert.All(items, i => Assert.Equal(f.Officer.Id, i.GetProperty("views")[0].GetProperty("userId").GetString()));
        Assert.All(items, i => Assert.Equal(ReportApiFixture.Case, i.GetProperty("views")[0].GetProperty("caseNumber").GetString()));
        // The draw is reproducible from sample.json alone.
        var sampleJson = await Json(await f.App.ClientFor(f.Auditor).GetAsync($"/api/reports/{Q}/files/sample.json?version={version}"));
        var recorded = sampleJson.GetProperty("sample");
        var redrawn = ReviewSampler.Choose(recorded.GetProperty("candidates").EnumerateArray().Select(c => c.GetString()!).ToList(),
            ReviewSampler.ParseSeed(recorded.GetProperty("seed").GetString()!), 5);
        Assert.Equal(items.Select(i => i.GetProperty("image").GetString()), redrawn);
    }

    [Fact]
    public async Task Versions_are_immutable_files_match_their_manifest_and_every_read_is_logged()
    {
        var first = await GenerateAsync();
        var second = await GenerateAsync();
        int v1 = first.GetProperty("version").GetInt32(), v2 = second.GetProperty("version").GetInt32();
        Assert.Equal(v1 + 1, v2);
        Assert.NotEqual(first.GetProperty("sampleSeed").GetString(), second.GetProperty("sampleSeed").GetString());

        using var chief = f.App.ClientFor(f.Chief);
        foreach (var (version, manifest) in new[] { (v1, first), (v2, second) })
            foreach (var file in manifest.GetProperty("files").EnumerateArray())
            {
                string name = file.GetProperty("name").GetString()!;
                var resp = await chief.GetAsync($"/api/reports/{Q}/files/{name}?version={version}");
                Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
                var bytes = await resp.Content.ReadAsByteArrayAsync();
                Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
                if (name.EndsWith(".pdf")) Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
            }
        Assert.Contains(await AuditAsync("reports.read-file", f.Chief.Id), e => e.Target == $"{Q}/v{v1}/system-audit.pdf" && e.Outcome == AuditOutcome.Allowed);

        // Writing the same version again is refused by storage itself (If-None-Match: *): the stored bytes stay.
        var archive = f.App.Get<ReportArchive>();
        var before = await archive.ReadAsync(Q, v1, "summary.json", default);
        var report = QuarterReportBuilder.Build(new QuarterRecords
        {
            Quarter = f.Quarter, Policy = Core.Retention.RetentionPresets.PalmSprings, GeneratedAt = DateTimeOffset.UtcNow, Trigger = "test",
            Detection = new DetectionTally(f.Quarter, ReportApp.Pacific), Chain = new ChainCheck(true, 0, 0, null),
        }, 1);
        Assert.Null(await archive.WriteAsync(report, v => Alpr.Reports.ReportRenderer.Render(report, v), onlyVersion: v1, DateTimeOffset.UtcNow, default));
        Assert.Equal(before, await archive.ReadAsync(Q, v1, "summary.json", default));

        var list = await Json(await chief.GetAsync("/api/reports"));
        Assert.Contains(list.EnumerateArray(), x => x.GetProperty("quarter").GetString() == Q && x.GetProperty("latest").GetInt32() >= v2);
        Assert.NotEmpty(await AuditAsync("reports.list", f.Chief.Id));
    }

    [Fact]
    public async Task A_reviewers_finding_is_its_own_record_shown_with_the_report_and_audited()
    {
        var manifest = await GenerateAsync();
        int version = manifest.GetProperty("version").GetInt32();
        var archive = f.App.Get<ReportArchive>();
        var summaryBefore = await archive.ReadAsync(Q, version, "summary.json", default);

        var resp = await f.App.ClientFor(f.Auditor).PostAsJsonAsync($"/api/reports/{Q}/sample/2/finding",
            new { outcome = "complies", note = "image matches case 26-000111, viewed for a stated robbery investigation", version });
        Assert.Equal(HttpStatusCode.Created, resp.StatusCode);
        f.App.Time.Advance(TimeSpan.FromMinutes(3)); // findings are ordered by when they were made; the fake clock must move
        var admin = await f.App.ClientFor(f.Admin).PostAsJsonAsync($"/api/reports/{Q}/sample/2/finding",
            new { outcome = "inconclusive", note = "second look: ask the officer for the report number", version });
        Assert.Equal(HttpStatusCode.Created, admin.StatusCode);

        var read = await Json(await f.App.ClientFor(f.Chief).GetAsync($"/api/reports/{Q}?version={version}"));
        var findings = read.GetProperty("reviewerFindings").EnumerateArray().ToList();
        Assert.Equal(["complies", "inconclusive"], findings.Select(x => x.GetProperty("outcome").GetString()));
        Assert.Equal(f.Auditor.Id, findings[0].GetProperty("reviewerId").GetString());
        var item2 = read.GetProperty("summary").GetProperty("sample").GetProperty("items")[1].GetProperty("image").GetString();
        Assert.Equal(item2, findings[0].GetProperty("image").GetString());
        Assert.Equal(summaryBefore, await archive.ReadAsync(Q, version, "summary.json", default)); // the version itself is unchanged
        Assert.Contains(await AuditAsync("reports.sample-finding", f.Auditor.Id), e => e.Target == $"{Q}/v{version}/sample/2" && e.Outcome == AuditOutcome.Allowed);
    }

    [Fact]
    public async Task Bad_quarters_unknown_items_and_bad_findings_are_refused_and_logged()
    {
        using var auditor = f.App.ClientFor(f.Auditor);
        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.PostAsync("/api/reports/2026Q5", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.GetAsync("/api/reports/26-3")).StatusCode);
        var current = Quarter.Containing(f.App.Time.GetUtcNow(), ReportApp.Pacific);
        var notEnded = await auditor.PostAsync($"/api/reports/{current}", null);
        Assert.Equal(HttpStatusCode.Conflict, notEnded.StatusCode);
        Assert.Contains("has not ended", (await Json(notEnded)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await auditor.PostAsync($"/api/reports/{current.Next}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync("/api/reports/2001Q1")).StatusCode);
        Assert.Contains(await AuditAsync("reports.generate", f.Auditor.Id), e => e.Outcome == AuditOutcome.Refused && e.Target == current.ToString());

        await GenerateAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.PostAsJsonAsync($"/api/reports/{Q}/sample/1/finding", new { outcome = "fine", note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.PostAsJsonAsync($"/api/reports/{Q}/sample/1/finding", new { outcome = "complies", note = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.PostAsJsonAsync($"/api/reports/{Q}/sample/99/finding", new { outcome = "complies", note = "ok" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/api/reports/{Q}/files/secret.txt")).StatusCode);
    }

    [Fact]
    public async Task Only_auditors_the_administrator_and_the_chief_read_and_refusals_are_logged()
    {
        await GenerateAsync();
        var captain = await f.App.ClientFor(f.Captain).GetAsync($"/api/reports/{Q}");
        Assert.Equal(HttpStatusCode.Forbidden, captain.StatusCode);
        var refused = await f.App.Get<CosmosAuditLog>().Documents.QueryAsync<AuditEntry>(new QueryDefinition(
            "SELECT * FROM c WHERE c.actorId = @u AND c.outcome = 'refused'").WithParameter("@u", f.Captain.Id));
        Assert.Contains(refused, e => e.Action == $"GET /api/reports/{Q}" && e.Detail!.Contains("may not ViewReports"));
        // The chief reads reports but does not review the sample (auditors and the administrator do).
        var chiefFinding = await f.App.ClientFor(f.Chief).PostAsJsonAsync($"/api/reports/{Q}/sample/1/finding", new { outcome = "complies", note = "ok" });
        Assert.Equal(HttpStatusCode.Forbidden, chiefFinding.StatusCode);
        foreach (var reader in new[] { f.Auditor, f.Admin, f.Chief })
            Assert.Equal(HttpStatusCode.OK, (await f.App.ClientFor(reader).GetAsync($"/api/reports/{Q}")).StatusCode);
    }

    [Fact]
    public async Task Cli_audit_report_generates_through_the_app_and_downloads_every_file()
    {
        string dir = Directory.CreateTempSubdirectory("alpr-report-cli-").FullName;
        string token = Alpr.LocalServers.DevTokens.Issue(f.App.Factory.SigningKey, f.Auditor.Id, f.Auditor.Name);
        var command = new cli::Alpr.Cli.Commands.AuditReportCommand(_ => f.App.App.CreateClient());
        int rc = await command.RunAsync(new cli::Alpr.Cli.CommandArgs(["--quarter", Q, "--endpoint", "http://localhost", "--token", token, "--out", dir]), default);
        Assert.Equal(0, rc);
        foreach (var name in new[] { "total-detection.pdf", "system-audit.pdf", "summary.json", "sample.json", "reads-per-day.csv", "accesses.csv" })
            Assert.True(File.Exists(Path.Combine(dir, name)), name);
        Assert.Contains(await AuditAsync("reports.generate", f.Auditor.Id), e => e.Outcome == AuditOutcome.Allowed);

        // A quarter that has not ended, and a caller without the permission, fail with a non-zero exit.
        var current = Quarter.Containing(f.App.Time.GetUtcNow(), ReportApp.Pacific).ToString();
        Assert.Equal(1, await command.RunAsync(new cli::Alpr.Cli.CommandArgs(["--quarter", current, "--endpoint", "http://localhost", "--token", token]), default));
        string captain = Alpr.LocalServers.DevTokens.Issue(f.App.Factory.SigningKey, f.Captain.Id, f.Captain.Name);
        Assert.Equal(1, await command.RunAsync(new cli::Alpr.Cli.CommandArgs(["--quarter", Q, "--endpoint", "http://localhost", "--token", captain]), default));
        Assert.Equal(2, await command.RunAsync(new cli::Alpr.Cli.CommandArgs(["--quarter", "Q3-2026", "--endpoint", "http://localhost", "--token", token]), default));
        Directory.Delete(dir, recursive: true);
    }
}
