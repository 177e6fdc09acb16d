using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Alpr.LocalServers;

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 standing in for an Event Grid topic (there is no official emulator):
/// it accepts what <c>EventGridPublisherClient</c> sends — <c>POST ?api-version=2018-01-01</c> with the
/// <c>aeg-sas-key</c> header and a CloudEvents 1.0 batch — checks the key and the required attributes, and
/// keeps what it received for tests and the demo. Wrong key: 401; malformed: 400.
/// </summary>
public sealed class LocalEventGridTopic : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _events = new();
    private readonly byte[] _key;
    private int _rejected;

    public string Key { get; }
    public Uri Endpoint { get; }
    public IReadOnlyCollection<JsonElement> Events => _events;
    public int RejectedRequests => Volatile.Read(ref _rejected);

    private LocalEventGridTopic(WebApplication app, string key, Uri endpoint)
    {
        _app = app;
        Key = key;
        _key = Encoding.UTF8.GetBytes(key);
        Endpoint = endpoint;
    }

    public static async Task<LocalEventGridTopic> StartAsync(string? key = null, CancellationToken ct = default)
    {
        key ??= Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        int port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var topic = new LocalEventGridTopic(app, key, new Uri($"http://127.0.0.1:{port}/api/events"));
        // (HttpContext, CancellationToken): not RequestDelegate-shaped, so the returned IResult is executed.
        app.MapPost("/api/events", topic.ReceiveAsync);
        // CloudEvents webhook validation handshake.
        app.MapMethods("/api/events", ["OPTIONS"], (HttpContext ctx) =>
        {
            ctx.Response.Headers["WebHook-Allowed-Origin"] = ctx.Request.Headers["WebHook-Request-Origin"].ToString();
            return Results.Ok();
        });
        await app.StartAsync(ct);
        return topic;
    }

    private async Task<IResult> ReceiveAsync(HttpContext ctx, CancellationToken ct)
    {
        var presented = Encoding.UTF8.GetBytes(ctx.Request.Headers["aeg-sas-key"].ToString());
        if (!CryptographicOperations.FixedTimeEquals(presented, _key))
        {
            Interlocked.Increment(ref _rejected);
            return Results.Unauthorized();
        }
        if (!ctx.Request.ContentType?.StartsWith("application/cloudevents-batch+json", StringComparison.OrdinalIgnoreCase) ?? true)
        {
            Interlocked.Increment(ref _rejected);
            return Results.BadRequest("expected application/cloudevents-batch+json");
        }
        JsonDocument doc;
        try { doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ct); }
        catch (JsonException) { Interlocked.Increment(ref _rejected); return Results.BadRequest("body is not JSON"); }
        if (doc.RootElement.ValueKind != JsonValueKind.Array) { Interlocked.Increment(ref _rejected); return Results.BadRequest("expected a JSON array"); }
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            foreach (var required in new[] { "specversion", "id", "source", "type" })
                if (!e.TryGetProperty(required, out _)) { Interlocked.Increment(ref _rejected); return Results.BadRequest($"event lacks '{required}'"); }
            if (e.GetProperty("specversion").GetString() != "1.0") { Interlocked.Increment(ref _rejected); return Results.BadRequest("specversion must be 1.0"); }
        }
        foreach (var e in doc.RootElement.EnumerateArray()) _events.Enqueue(e.Clone());
        return Results.Ok();
    }

    public IReadOnlyList<JsonElement> OfType(string type) =>
        _events.Where(e => e.GetProperty("type").GetString() == type).ToList();

    /// <summary>Waits until <paramref name="done"/> holds for the received events, or the timeout passes.</summary>
    public async Task<bool> WaitForAsync(Func<IReadOnlyCollection<JsonElement>, bool> done, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (done(Events)) return true;
            await Task.Delay(50, ct);
        }
        return done(Events);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
