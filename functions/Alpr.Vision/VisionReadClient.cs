using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Alpr.Vision;

/// <summary>One line of text the service read, with its polygon and mean word confidence.</summary>
public sealed record VisionLine(string Text, IReadOnlyList<(double X, double Y)> Polygon, double Confidence);

public sealed record VisionReadResult(string? ModelVersion, int Width, int Height, IReadOnlyList<VisionLine> Lines);

/// <summary>The cloud call failed (error body, timeout, open circuit). The message carries the service's error code.</summary>
public sealed class VisionReadException(string message, int? status = null, string? code = null, Exception? inner = null) : Exception(message, inner)
{
    public int? Status { get; } = status;
    public string? Code { get; } = code;
}

/// <summary>
/// Client for <c>POST {endpoint}/computervision/imageanalysis:analyze?api-version=…&amp;features=read</c> over an
/// Azure.Core HttpPipeline: per-attempt timeout, retry on 429/5xx (Retry-After), and a consecutive-failure circuit breaker.
/// </summary>
public sealed class VisionReadClient
{
    private readonly VisionReadOptions _options;
    private readonly HttpPipeline _pipeline;
    private readonly CircuitBreaker _breaker;

    public VisionReadClient(VisionReadOptions options, HttpPipelineTransport? transport = null, TimeProvider? time = null)
    {
        if (!options.IsConfigured) throw new ArgumentException("Endpoint and ApiKey are required", nameof(options));
        _options = options;
        var clientOptions = new VisionClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.NetworkTimeout = options.Timeout;
        if (transport is not null) clientOptions.Transport = transport;
        _pipeline = HttpPipelineBuilder.Build(clientOptions, new ApiKeyPolicy(options.ApiKey!));
        _breaker = new CircuitBreaker(options.BreakerFailureThreshold, options.BreakerOpenDuration, time ?? TimeProvider.System);
    }

    public CircuitState BreakerState => _breaker.State;

    public async Task<VisionReadResult> ReadAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken = default)
    {
        if (!_breaker.TryEnter()) throw new VisionReadException("circuit open: the vision service failed repeatedly", code: "CircuitOpen");
        try
        {
            var result = await SendAsync(image, cancellationToken).ConfigureAwait(false);
            _breaker.Success();
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { throw; }
        catch (VisionReadException e) when (e.Status is >= 400 and < 500 and not 429 and not 408)
        {
            throw; // our request was wrong (bad image, bad key): not a service outage
        }
        catch (Exception e)
        {
            _breaker.Failure();
            if (e is VisionReadException) throw;
            throw new VisionReadException($"vision read failed: {e.Message}", inner: e, code: e is TaskCanceledException or OperationCanceledException ? "Timeout" : null);
        }
    }

    private async Task<VisionReadResult> SendAsync(ReadOnlyMemory<byte> image, CancellationToken ct)
    {
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        var uri = new RequestUriBuilder();
        uri.Reset(_options.Endpoint!);
        uri.AppendPath("/computervision/imageanalysis:analyze", escape: false);
        uri.AppendQuery("api-version", _options.ApiVersion);
        uri.AppendQuery("features", "read");
        request.Uri = uri;
        request.Headers.Add("Content-Type", "application/octet-stream");
        request.Headers.Add("Accept", "application/json");
        request.Content = RequestContent.Create(image);
        await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        using var doc = response.ContentStream is null ? null : await JsonDocument.ParseAsync(response.ContentStream, cancellationToken: ct).ConfigureAwait(false);
        if (response.Status != 200)
        {
            string? code = null, msg = null;
            if (doc?.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var err))
            {
                code = err.TryGetProperty("code", out var c) ? c.GetString() : null;
                msg = err.TryGetProperty("message", out var m) ? m.GetString() : null;
            }
            throw new VisionReadException($"vision service answered {response.Status} {code}: {msg}", response.Status, code);
        }
        if (doc is null) throw new VisionReadException("vision service answered 200 with no body", 200);
        return Parse(doc.RootElement);
    }

    public static VisionReadResult Parse(JsonElement root)
    {
        string? model = root.TryGetProperty("modelVersion", out var mv) ? mv.GetString() : null;
        int w = 0, h = 0;
        if (root.TryGetProperty("metadata", out var md))
        {
            if (md.TryGetProperty("width", out var wv)) w = wv.GetInt32();
            if (md.TryGetProperty("height", out var hv)) h = hv.GetInt32();
        }
        var lines = new List<VisionLine>();
        if (root.TryGetProperty("readResult", out var rr) && rr.TryGetProperty("blocks", out var blocks))
            foreach (var block in blocks.EnumerateArray())
                if (block.TryGetProperty("lines", out var ls))
                    foreach (var line in ls.EnumerateArray())
                    {
                        string text = line.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
                        var poly = new List<(double, double)>();
                        if (line.TryGetProperty("boundingPolygon", out var bp))
                            foreach (var p in bp.EnumerateArray()) poly.Add((p.GetProperty("x").GetDouble(), p.GetProperty("y").GetDouble()));
                        double conf = 0; int n = 0;
                        if (line.TryGetProperty("words", out var words))
                            foreach (var word in words.EnumerateArray())
                                if (word.TryGetProperty("confidence", out var c)) { conf += c.GetDouble(); n++; }
                        lines.Add(new VisionLine(text, poly, n == 0 ? 0 : conf / n));
                    }
        return new VisionReadResult(model, w, h, lines);
    }

    private sealed class VisionClientOptions : ClientOptions { }

    private sealed class ApiKeyPolicy(string key) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue("Ocp-Apim-Subscription-Key", key);
    }
}

public enum CircuitState { Closed, Open, HalfOpen }

/// <summary>Opens after N consecutive failures; after the open period one trial call is let through (half-open).</summary>
public sealed class CircuitBreaker(int threshold, TimeSpan openFor, TimeProvider time)
{
    private readonly object _gate = new();
    private int _failures;
    private DateTimeOffset _openedAt;
    private CircuitState _state = CircuitState.Closed;
    private bool _trialInFlight;

    public CircuitState State { get { lock (_gate) return Current(); } }

    private CircuitState Current()
    {
        if (_state == CircuitState.Open && time.GetUtcNow() - _openedAt >= openFor) { _state = CircuitState.HalfOpen; _trialInFlight = false; }
        return _state;
    }

    public bool TryEnter()
    {
        lock (_gate)
        {
            var s = Current();
            if (s == CircuitState.Closed) return true;
            if (s == CircuitState.HalfOpen && !_trialInFlight) { _trialInFlight = true; return true; }
            return false;
        }
    }

    public void Success() { lock (_gate) { _failures = 0; _state = CircuitState.Closed; _trialInFlight = false; } }

    public void Failure()
    {
        lock (_gate)
        {
            _failures++;
            if (_state == CircuitState.HalfOpen || _failures >= threshold) { _state = CircuitState.Open; _openedAt = time.GetUtcNow(); _trialInFlight = false; }
        }
    }
}
