using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpr.Core.Access;
using Alpr.Core.Releases;
using Alpr.Core.Workflows;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Alpr.Functions.Tests.Releases;

/// <summary>
/// A real browser on the real page: the app runs in-process on Kestrel at 127.0.0.1 (WebApplicationFactory's
/// UseKestrel, .NET 10), and headless Debian Chromium, driven by playwright-core from a small node script,
/// opens the approval link, writes a comment, presses Approve and reads the result page.
/// </summary>
public class ApprovalBrowserTests : IAsyncLifetime
{
    private AppFactory _factory = null!;
    private WebApplicationFactory<Program> _app = null!;
    private readonly string _s = Guid.NewGuid().ToString("N")[..8];
    private string Captain => "captain-" + _s;

    public async Task InitializeAsync()
    {
        _factory = await AppFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["Storage:WorkflowStepQueue"] = "wf" + _s,
            ["Releases:LinkSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Releases:Approvers:0"] = Captain,
        });
        _app = _factory.WithWebHostBuilder(_ => { });
        _app.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        await _factory.AddUserAsync(Role.Captain, Captain);
    }

    public async Task DisposeAsync() { await _app.DisposeAsync(); await _factory.DisposeAsync(); }

    private Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private HttpClient Client(AlprUser u)
    {
        var c = new HttpClient { BaseAddress = BaseAddress };
        c.DefaultRequestHeaders.Authorization = _factory.ClientFor(u).DefaultRequestHeaders.Authorization;
        return c;
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Alpr.Functions.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public async Task The_approver_opens_the_link_in_a_browser_approves_and_sees_the_result()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Chromium is missing: ./alpr test installs it (apt-get install chromium)");
        var officer = await _factory.AddUserAsync(Role.Officer, "officer-" + _s);
        var filed = await Client(officer).PostAsJsonAsync("/api/releases", new
        {
            agency = new { name = "Tulare County SO", type = "localLawEnforcement", state = "CA" },
            person = new { name = "Sgt. Reyes", contact = "reyes@tulare.example" },
            purpose = "missingPerson", purposeDetail = "at-risk missing adult", caseNumber = "MP-2026-7",
            scope = new { plates = new[] { "7ABC123" } }, legalBasis = new { kind = "none" }, deliveryContact = "records@tulare.example",
        });
        Assert.Equal(HttpStatusCode.Accepted, filed.StatusCode);
        string id = (string)(await filed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var captain = new AlprUser { Id = Captain, Name = "c", Role = Role.Captain };
        string link = (string)(await Client(captain).GetFromJsonAsync<JsonObject>($"/api/releases/{id}/approval-link"))!["link"]!;
        Assert.StartsWith(BaseAddress.ToString().TrimEnd('/'), link);

        string root = RepoRoot();
        var psi = new ProcessStartInfo("node", [Path.Combine(root, "tests/Alpr.Functions.Tests/Releases/browser/approve.mjs"), link, "approved for MP-2026-7"])
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var node = Process.Start(psi)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await node.WaitForExitAsync(cts.Token);
        Assert.True(node.ExitCode == 0, $"browser script failed: {await stderr}");

        var page = JsonDocument.Parse((await stdout).Trim().Split('\n').Last()).RootElement;
        Assert.Equal(200, page.GetProperty("opened").GetInt32());
        Assert.Contains("MP-2026-7", page.GetProperty("requestShown").GetString());
        Assert.Equal(200, page.GetProperty("status").GetInt32());
        Assert.Equal("Decision recorded", page.GetProperty("title").GetString());
        Assert.Contains("approved", page.GetProperty("result").GetString());

        var instance = (await _app.Services.GetRequiredService<IWorkflowStore>().ReadAsync(id))!.Instance;
        Assert.Equal("fulfilling", instance.State);
        var decision = ReleaseJson.From<ReleaseStatus>(instance.CustomStatus)!.Decision!;
        Assert.Equal(Captain, decision.By);
        Assert.Equal("approved for MP-2026-7", decision.Comment);
        Assert.Equal("127.0.0.1", decision.ClientAddress);
    }
}
