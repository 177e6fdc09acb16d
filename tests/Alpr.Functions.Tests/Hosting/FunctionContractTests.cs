using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alpr.Functions.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Alpr.Functions.Tests.Hosting;

/// <summary>The custom-handler contract: every function.json has a handler and every handler a function.json.</summary>
public class FunctionContractTests : IAsyncLifetime
{
    /// <summary>The Functions host sends PascalCase "Data"/"Metadata" and keys as they are.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions HostJson = new();
    private AppFactory _app = null!;
    public async Task InitializeAsync() => _app = await AppFactory.CreateAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private IReadOnlyList<(string Route, string Method)> HttpRoutes() =>
        _app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => ("/" + e.RoutePattern.RawText!.TrimStart('/'), m)))
            .ToList();

    [Fact]
    public void Every_function_json_has_a_handler()
    {
        var catalog = _app.Get<FunctionCatalog>();
        Assert.NotEmpty(catalog.Functions);
        var handlers = _app.Services.GetServices<IFunctionHandler>().Select(h => h.Name).ToHashSet();
        var routes = HttpRoutes();
        foreach (var f in catalog.Functions)
        {
            if (f.TriggerType == "httpTrigger")
            {
                var trigger = f.Bindings.EnumerateArray().First(b => b.GetProperty("type").GetString() == "httpTrigger");
                string route = "/api/" + trigger.GetProperty("route").GetString();
                foreach (var method in trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()))
                    Assert.True(routes.Contains((route, method)), $"{f.Name}: no endpoint for {method} {route}");
            }
            else
            {
                Assert.True(handlers.Contains(f.Name), $"{f.Name}/function.json ({f.TriggerType}) has no handler");
                Assert.Contains(($"/{f.Name}", "POST"), routes);
            }
        }
    }

    [Fact]
    public void Every_api_endpoint_is_declared_to_the_functions_host()
    {
        // In Azure the Functions host forwards only the routes a function.json declares: an endpoint without one is
        // unreachable there even though every local test of it passes.
        var declared = _app.Get<FunctionCatalog>().Functions.Where(f => f.TriggerType == "httpTrigger")
            .SelectMany(f =>
            {
                var trigger = f.Bindings.EnumerateArray().First(b => b.GetProperty("type").GetString() == "httpTrigger");
                string route = "/api/" + trigger.GetProperty("route").GetString();
                return trigger.GetProperty("methods").EnumerateArray().Select(m => (route, m.GetString()!.ToUpperInvariant()));
            })
            .ToHashSet();
        var missing = HttpRoutes().Where(r => r.Route.StartsWith("/api/", StringComparison.Ordinal) && !declared.Contains(r)).ToList();
        Assert.True(missing.Count == 0, "no function.json for: " + string.Join(", ", missing.Select(m => $"{m.Method} {m.Route}")));
    }

    [Fact]
    public void Every_handler_has_a_function_json()
    {
        var catalog = _app.Get<FunctionCatalog>();
        foreach (var h in _app.Services.GetServices<IFunctionHandler>())
            Assert.True(catalog.Find(h.Name) is not null, $"handler {h.Name} has no {h.Name}/function.json");
    }

    [Fact]
    public void Host_json_declares_the_custom_handler_with_forwarding()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        var ch = doc.RootElement.GetProperty("customHandler");
        Assert.Equal("Alpr.Functions", ch.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(ch.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "Alpr.Functions.dll")));
    }

    [Fact]
    public async Task Root_answers_the_hosts_startup_probe()
    {
        using var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Timer_invocation_returns_outputs_logs_and_return_value()
    {
        using var client = _app.CreateClient();
        var payload = new
        {
            Data = new { timer = new { IsPastDue = false } },
            Metadata = new { sys = new { MethodName = "HotlistRefresh", UtcNow = DateTimeOffset.UtcNow, RandGuid = Guid.NewGuid() } },
        };
        using var req = new HttpRequestMessage(HttpMethod.Post, "/HotlistRefresh") { Content = JsonContent.Create(payload, options: HostJson) };
        req.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        req.Headers.Add("X-Azure-Functions-HostVersion", "4.1000.0");
        var resp = await client.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        using var body = JsonDocument.Parse(await resp.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("Outputs").ValueKind);
        Assert.NotEmpty(body.RootElement.GetProperty("Logs").EnumerateArray());
        Assert.True(body.RootElement.TryGetProperty("ReturnValue", out _));
    }

    [Fact]
    public async Task Malformed_invocation_is_a_400_not_a_crash()
    {
        using var client = _app.CreateClient();
        var resp = await client.PostAsync("/ProcessCapture", new StringContent("not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, resp.StatusCode);
    }
}
