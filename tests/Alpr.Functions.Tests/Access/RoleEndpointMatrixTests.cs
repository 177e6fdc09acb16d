using System.Net;
using Alpr.Core.Access;

namespace Alpr.Functions.Tests.Access;

/// <summary>Every role against every guarded endpoint: refused (403) exactly where the role table says so.</summary>
public class RoleEndpointMatrixTests : IAsyncLifetime
{
    private AppFactory _app = null!;
    public async Task InitializeAsync() => _app = await AppFactory.CreateAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string Purpose = "reason=criminal-investigation&caseNumber=26-000111";

    public static readonly (string Method, string Path, Permission Permission)[] Endpoints =
    [
        ("GET", $"/api/reads/search?plate=7ABC123&{Purpose}", Permission.SearchReads),
        ("GET", $"/api/reads/export?plate=7ABC123&{Purpose}", Permission.ExportReads),
        ("GET", $"/api/reads/2026-11-23/none-0?{Purpose}", Permission.ViewRead),
        ("GET", $"/api/reads/2026-11-23/none-0/image?{Purpose}", Permission.ViewImage),
        ("GET", "/api/alerts", Permission.ViewAlerts),
        ("POST", "/api/alerts/none/verify", Permission.VerifyAlerts),
        ("GET", "/api/hotlists", Permission.ViewAlerts),
        ("POST", "/api/hotlists/matrix/import?source=local", Permission.ManageHotlists),
        ("POST", "/api/hotlists/matrix/entries", Permission.ManageHotlists),
        ("GET", "/api/audit/2026-11-23", Permission.ViewAuditLog),
        ("GET", "/api/audit/verify", Permission.ViewAuditLog),
        ("GET", "/api/reports", Permission.ViewReports),
        ("POST", "/api/reports/2026Q1", Permission.ViewReports),
        ("GET", "/api/reports/2026Q1", Permission.ViewReports),
        ("GET", "/api/reports/2026Q1/files/summary.json", Permission.ViewReports),
        ("POST", "/api/reports/2026Q1/sample/1/finding", Permission.ReviewAuditSample),
    ];

    public static IEnumerable<object[]> Roles() => Enum.GetValues<Role>().Select(r => new object[] { r });

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Role_reaches_exactly_the_endpoints_its_permissions_allow(Role role)
    {
        var user = await _app.AddUserAsync(role);
        using var client = _app.ClientFor(user);
        foreach (var (method, path, permission) in Endpoints)
        {
            using var req = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST") req.Content = new StringContent(path.Contains("import") ? "plate,reason\n7ABC123,x\n" : "{\"verdict\":\"confirmed\",\"plate\":\"7ABC123\",\"reason\":\"x\"}", System.Text.Encoding.UTF8, path.Contains("import") ? "text/csv" : "application/json");
            var resp = await client.SendAsync(req);
            bool allowed = AccessPolicy.Allows(role, permission);
            Assert.True(allowed == (resp.StatusCode != HttpStatusCode.Forbidden),
                $"{role} {method} {path}: {(int)resp.StatusCode}, expected {(allowed ? "not 403" : "403")}");
            Assert.NotEqual(HttpStatusCode.Unauthorized, resp.StatusCode);
        }
    }
}
