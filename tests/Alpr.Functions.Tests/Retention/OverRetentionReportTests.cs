using System.Net;
using System.Text.Json;
using Alpr.Core.Access;

namespace Alpr.Functions.Tests.Retention;

public class OverRetentionReportTests
{
    [Fact]
    public async Task Lists_reads_older_than_two_years_with_their_hold_or_flags_them()
    {
        var app = await RetentionApp.CreateAsync();
        var heldOld = await app.SeedAsync(800);
        var unheldOld = await app.SeedAsync(731);
        await app.SeedAsync(730); // exactly two years: still within the longest period
        await app.SeedAsync(100);
        var sergeant = await app.Factory.AddUserAsync(Role.Sergeant);
        var chief = await app.Factory.AddUserAsync(Role.Chief);
        var placed = await app.ClientFor(sergeant).PostAsync("/api/holds", System.Net.Http.Json.JsonContent.Create(
            new { caseNumber = "24-000042", legalBasis = "court-order", readIds = new[] { heldOld.Id } }));
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        await app.DeliverStepsAsync();

        var resp = await app.ClientFor(chief).GetAsync("/api/admin/retention/over-retention");
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        var body = JsonDocument.Parse(await resp.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(730, body.GetProperty("longestDays").GetInt32());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([heldOld.Id, unheldOld.Id], items.Select(i => i.GetProperty("readId").GetString()));
        Assert.Equal("24-000042", items[0].GetProperty("holds")[0].GetProperty("caseNumber").GetString());
        Assert.Equal(800, items[0].GetProperty("ageDays").GetInt32());
        Assert.StartsWith("NO HOLD", items[1].GetProperty("reason").GetString());
        Assert.DoesNotContain("7ABC123", body.GetRawText());
    }
}
