using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Alpr.Core.Reads;
using Alpr.Core.Recognition;
using Alpr.Vision;

namespace Alpr.Recognition.Tests;

/// <summary>A real HTTP server on 127.0.0.1 answering like Image Analysis 4.0; each request is served by the next handler.</summary>
public sealed class FakeVisionServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Func<HttpListenerContext, Task>> _script = new();
    public Uri Endpoint { get; }
    public ConcurrentQueue<(string Path, string Query, string? Key, string? ContentType, int Bytes)> Requests { get; } = new();
    public Func<HttpListenerContext, Task> Default { get; set; } = ctx => Ok(ctx, "ABC1234", 0.97);

    public FakeVisionServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public void Then(Func<HttpListenerContext, Task> handler) => _script.Enqueue(handler);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); } catch { return; }
            _ = Task.Run(async () =>
            {
                using var ms = new MemoryStream();
                await ctx.Request.InputStream.CopyToAsync(ms);
                Requests.Enqueue((ctx.Request.Url!.AbsolutePath, ctx.Request.Url.Query, ctx.Request.Headers["Ocp-Apim-Subscription-Key"], ctx.Request.ContentType, (int)ms.Length));
                var handler = _script.TryDequeue(out var h) ? h : Default;
                try { await handler(ctx); } catch { }
                try { ctx.Response.Close(); } catch { }
            });
        }
    }

    public static Task Ok(HttpListenerContext ctx, string plate, double conf) => Json(ctx, 200, $$$"""
        {"modelVersion":"2023-10-01","metadata":{"width":200,"height":100},"readResult":{"blocks":[{"lines":[
          {"text":"CALIFORNIA","boundingPolygon":[{"x":10,"y":5},{"x":190,"y":5},{"x":190,"y":20},{"x":10,"y":20}],"words":[{"text":"CALIFORNIA","boundingPolygon":[],"confidence":0.99}]},
          {"text":"{{{plate}}}","boundingPolygon":[{"x":20,"y":30},{"x":180,"y":30},{"x":180,"y":80},{"x":20,"y":80}],"words":[{"text":"{{{plate}}}","boundingPolygon":[],"confidence":{{{conf.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}}]}
        ]}]}}
        """);

    public static Task Error(HttpListenerContext ctx, int status, string code) =>
        Json(ctx, status, $$$"""{"error":{"code":"{{{code}}}","message":"simulated {{{status}}}"}}""", status == 429 ? ("Retry-After", "0") : null);

    public static async Task Json(HttpListenerContext ctx, int status, string body, (string, string)? header = null)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        if (header is { } h) ctx.Response.Headers[h.Item1] = h.Item2;
        var bytes = Encoding.UTF8.GetBytes(body);
        await ctx.Response.OutputStream.WriteAsync(bytes);
    }

    public void Dispose() { try { _listener.Stop(); _listener.Close(); } catch { } }
}

public class FallbackTests : IDisposable
{
    private readonly FakeVisionServer _server = new();
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4];

    public void Dispose() => _server.Dispose();

    private VisionReadClient Client(TimeSpan? timeout = null, int retries = 2, int breaker = 3) => new(new VisionReadOptions
    {
        Endpoint = _server.Endpoint, ApiKey = "test-key", Timeout = timeout ?? TimeSpan.FromSeconds(5), MaxRetries = retries,
        RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(50), BreakerFailureThreshold = breaker,
        BreakerOpenDuration = TimeSpan.FromMinutes(5),
    });

    private sealed class StubLocal(string? text, double conf) : IPlateRecognizer
    {
        public string Engine => "local";
        public int Calls;
        public Task<RecognitionResult> RecognizeAsync(ReadOnlyMemory<byte> image, CancellationToken ct = default)
        {
            Calls++;
            IReadOnlyList<RecognizedPlate> plates = text is null ? [] :
                [new RecognizedPlate { Text = text, Confidence = conf, Engine = Engine, CropJpeg = Jpeg, Alternatives = [new PlateCandidate(text, conf)] }];
            return Task.FromResult(new RecognitionResult(640, 480, plates));
        }
    }

    [Fact]
    public async Task ClientSendsDocumentedRequestAndParsesLines()
    {
        var result = await Client().ReadAsync(Jpeg);
        Assert.Equal(2, result.Lines.Count);
        Assert.Equal("ABC1234", result.Lines[1].Text);
        Assert.Equal(4, result.Lines[1].Polygon.Count);
        Assert.Equal(200, result.Width);
        Assert.True(_server.Requests.TryDequeue(out var req));
        Assert.Equal("/computervision/imageanalysis:analyze", req.Path);
        Assert.Contains("api-version=2024-02-01", req.Query);
        Assert.Contains("features=read", req.Query);
        Assert.Equal("test-key", req.Key);
        Assert.Equal("application/octet-stream", req.ContentType);
        Assert.Equal(Jpeg.Length, req.Bytes);
    }

    [Fact]
    public async Task LowConfidenceLocalReadIsReplacedByCloudRead()
    {
        var fb = new FallbackPlateRecognizer(new StubLocal("ABC1Z34", 0.4), Client(), new FallbackOptions { ConfidenceThreshold = 0.8 });
        var r = await fb.RecognizeAsync(Jpeg);
        Assert.Equal("ABC1234", r.Plates[0].Text);
        Assert.Equal(FallbackPlateRecognizer.CloudEngine, r.Plates[0].Engine);
        Assert.Contains(r.Plates[0].Alternatives, a => a.Text == "ABC1Z34");
        Assert.Equal(1, fb.CloudCalls);
    }

    [Fact]
    public async Task AgreeingReadsAreMarkedAsBothEngines()
    {
        var fb = new FallbackPlateRecognizer(new StubLocal("ABC1234", 0.5), Client());
        var r = await fb.RecognizeAsync(Jpeg);
        Assert.Equal("ABC1234", r.Plates[0].Text);
        Assert.Equal("local+" + FallbackPlateRecognizer.CloudEngine, r.Plates[0].Engine);
        Assert.Equal(0.97, r.Plates[0].Confidence, 3);
    }

    [Fact]
    public async Task ConfidentLocalReadDoesNotCallTheCloud()
    {
        var fb = new FallbackPlateRecognizer(new StubLocal("XYZ987", 0.95), Client());
        var r = await fb.RecognizeAsync(Jpeg);
        Assert.Equal("local", r.Plates[0].Engine);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task NoLocalPlateTakesCloudPlateWithRegion()
    {
        var fb = new FallbackPlateRecognizer(new StubLocal(null, 0), Client());
        var r = await fb.RecognizeAsync(Jpeg);
        Assert.Equal("ABC1234", r.Plates[0].Text);
        Assert.Equal("CA", r.Plates[0].Region);
    }

    [Fact]
    public async Task TooManyRequestsIsRetriedThenSucceeds()
    {
        _server.Then(ctx => FakeVisionServer.Error(ctx, 429, "429"));
        var result = await Client().ReadAsync(Jpeg);
        Assert.Equal("ABC1234", result.Lines[1].Text);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task ServerErrorsOpenTheBreakerAndTheLocalReadStands()
    {
        _server.Default = ctx => FakeVisionServer.Error(ctx, 500, "InternalServerError");
        var client = Client(retries: 0, breaker: 2);
        var fb = new FallbackPlateRecognizer(new StubLocal("ABC1Z34", 0.4), client);
        for (int i = 0; i < 2; i++)
        {
            var r = await fb.RecognizeAsync(Jpeg);
            Assert.Equal("ABC1Z34", r.Plates[0].Text);
            Assert.Equal("local", r.Plates[0].Engine);
        }
        Assert.Equal(CircuitState.Open, client.BreakerState);
        int before = _server.Requests.Count;
        var e = await Assert.ThrowsAsync<VisionReadException>(() => client.ReadAsync(Jpeg));
        Assert.Equal("CircuitOpen", e.Code);
        var again = await fb.RecognizeAsync(Jpeg);
        Assert.Equal("ABC1Z34", again.Plates[0].Text);
        Assert.Equal(before, _server.Requests.Count); // nothing sent while open
        Assert.Equal(3, fb.CloudFailures);
    }

    [Fact]
    public async Task ErrorBodyCodeIsReported()
    {
        _server.Default = ctx => FakeVisionServer.Error(ctx, 400, "InvalidImageFormat");
        var e = await Assert.ThrowsAsync<VisionReadException>(() => Client(retries: 0).ReadAsync(Jpeg));
        Assert.Equal(400, e.Status);
        Assert.Equal("InvalidImageFormat", e.Code);
    }

    [Fact]
    public async Task SlowServiceTimesOutAndLocalReadStands()
    {
        _server.Default = async ctx => { await Task.Delay(3000); await FakeVisionServer.Ok(ctx, "ABC1234", 0.99); };
        var fb = new FallbackPlateRecognizer(new StubLocal("ABC1Z34", 0.4), Client(timeout: TimeSpan.FromMilliseconds(300), retries: 0));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = await fb.RecognizeAsync(Jpeg);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2.5), sw.Elapsed.ToString());
        Assert.Equal("ABC1Z34", r.Plates[0].Text);
        Assert.Equal(1, fb.CloudFailures);
    }
}
