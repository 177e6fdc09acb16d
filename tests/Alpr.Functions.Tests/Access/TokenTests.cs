using System.Net;
using System.Net.Http.Headers;
using Alpr.Core.Access;
using Alpr.LocalServers;

namespace Alpr.Functions.Tests.Access;

/// <summary>Only valid tokens of registered users in good standing reach data.</summary>
public class TokenTests : IAsyncLifetime
{
    private AppFactory _app = null!;
    public async Task InitializeAsync() => _app = await AppFactory.CreateAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string Search = "/api/reads/search?plate=7ABC123&reason=stolen-vehicle&caseNumber=26-1";

    private async Task<HttpStatusCode> CallAsync(string token)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync(Search)).StatusCode;
    }

    [Fact]
    public async Task Valid_token_of_a_user_in_good_standing_is_let_through()
    {
        var user = await _app.AddUserAsync(Role.CrimeAnalyst);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(DevTokens.Issue(_app.SigningKey, user.Id, user.Name)));
    }

    [Fact]
    public async Task Forged_expired_and_foreign_tokens_are_401()
    {
        var user = await _app.AddUserAsync(Role.CrimeAnalyst);
        Assert.Equal((HttpStatusCode.Unauthorized, "forged"), (await CallAsync(DevTokens.Issue(DevTokens.NewSigningKey(), user.Id, user.Name)), "forged"));
        Assert.Equal((HttpStatusCode.Unauthorized, "expired"), (await CallAsync(DevTokens.Issue(_app.SigningKey, user.Id, user.Name, TimeSpan.FromMinutes(10), DateTimeOffset.UtcNow.AddHours(-1))), "expired"));
        Assert.Equal((HttpStatusCode.Unauthorized, "issuer"), (await CallAsync(DevTokens.Issue(_app.SigningKey, user.Id, user.Name, issuer: "someone-else")), "issuer"));
        Assert.Equal((HttpStatusCode.Unauthorized, "audience"), (await CallAsync(DevTokens.Issue(_app.SigningKey, user.Id, user.Name, audience: "other-api")), "audience"));
        // Same signature, payload changed to another user's id.
        var valid = DevTokens.Issue(_app.SigningKey, user.Id, user.Name).Split('.');
        var other = DevTokens.Issue(_app.SigningKey, "chief-1", "Chief").Split('.');
        Assert.Equal((HttpStatusCode.Unauthorized, "tampered"), (await CallAsync($"{valid[0]}.{other[1]}.{valid[2]}"), "tampered"));
        Assert.Equal((HttpStatusCode.Unauthorized, "garbage"), (await CallAsync("not-a-token"), "garbage"));
    }

    [Fact]
    public async Task Unregistered_untrained_unapproved_or_deactivated_users_are_403()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(DevTokens.Issue(_app.SigningKey, "nobody", "Nobody")));
        foreach (var user in new[]
        {
            await _app.AddUserAsync(Role.CrimeAnalyst, trained: false),
            await _app.AddUserAsync(Role.CrimeAnalyst, trainingExpires: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1)),
            await _app.AddUserAsync(Role.CrimeAnalyst, approved: false),
            await _app.AddUserAsync(Role.CrimeAnalyst, active: false),
        })
            Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(DevTokens.Issue(_app.SigningKey, user.Id, user.Name)));
    }
}
