using Alpr.Core.Audit;
using Alpr.Cosmos;
using Alpr.Reporting;
using Microsoft.Azure.Cosmos;

namespace Alpr.Functions.Tests.Reports;

/// <summary>The hourly timer: the last ended quarter's report once the agency's local midnight has passed, exactly once; expiry after two years.</summary>
public class QuarterlyReportsTimerTests
{
    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Fact]
    public async Task Writes_each_quarter_once_after_local_midnight_and_deletes_versions_after_730_local_days()
    {
        // 2026-10-01 06:30 UTC is 09-30 23:30 PDT: Q3 has not ended for the agency, Q2 has and has no report yet.
        var app = await ReportApp.CreateAsync(Utc(2026, 10, 1, 6, 30));
        var archive = app.Get<ReportArchive>();
        Assert.Equal("2026Q2/v1", (await app.RunTimerAsync()).GetProperty("written").GetString());

        app.Time.SetUtcNow(Utc(2026, 10, 1, 6, 59));
        var again = await app.RunTimerAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, again.GetProperty("written").ValueKind);
        Assert.Contains("2026Q2 already has version 1", again.GetProperty("skipped").GetString());

        app.Time.SetUtcNow(Utc(2026, 10, 1, 7, 5)); // 00:05 PDT on 10-01
        Assert.Equal("2026Q3/v1", (await app.RunTimerAsync()).GetProperty("written").GetString());
        await app.RunTimerAsync(); // a repeated (or catch-up) run writes nothing more
        Assert.Equal([1], (await archive.VersionsAsync("2026Q3", default)).Select(v => v.Version));
        Assert.True((await archive.VersionsAsync("2026Q3", default)).Single().Complete);

        // Q2's version was written on local day 2026-09-30, Q3's on 2026-10-01. 731 local days later each is deleted.
        app.Time.SetUtcNow(Utc(2028, 10, 1, 6, 0)); // 2028-09-30 23:00 PDT: Q2 is 731 days old, Q3 730
        var expiry = await app.RunTimerAsync();
        Assert.Equal(1, expiry.GetProperty("expired").GetInt32());
        Assert.Empty(await archive.VersionsAsync("2026Q2", default));
        Assert.Single(await archive.VersionsAsync("2026Q3", default));

        app.Time.SetUtcNow(Utc(2028, 10, 1, 7, 30)); // 2028-10-01 00:30 PDT
        Assert.Equal(1, (await app.RunTimerAsync()).GetProperty("expired").GetInt32());
        Assert.Empty(await archive.VersionsAsync("2026Q3", default));

        var purges = await app.Get<CosmosAuditLog>().Documents.QueryAsync<AuditEntry>(new QueryDefinition("SELECT * FROM c WHERE c.action = 'reports.purge'"));
        Assert.Equal(["2026Q2/v1", "2026Q3/v1"], purges.OrderBy(e => e.At).Select(e => e.Target));
        Assert.All(purges, e => Assert.Equal("system", e.ActorType));
        var generated = await app.Get<CosmosAuditLog>().Documents.QueryAsync<AuditEntry>(new QueryDefinition("SELECT * FROM c WHERE c.action = 'reports.generate'"));
        Assert.Contains(generated, e => e.Target == "2026Q3/v1" && e.Detail!.Contains("sample seed"));
    }

    [Fact]
    public async Task Without_a_retention_preset_the_timer_fails_and_writes_nothing()
    {
        var app = await ReportApp.CreateAsync(Utc(2026, 10, 2, 12), policy: null);
        using var client = app.App.CreateClient();
        var resp = await client.PostAsync("/QuarterlyReports", new StringContent("{\"Data\":{},\"Metadata\":{}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, resp.StatusCode);
        Assert.Empty(await app.Get<ReportArchive>().VersionsAsync("2026Q3", default));
    }
}
