using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Alpr.Recognition.Models;

/// <summary>
/// Calibration for <see cref="PointwiseInt8"/>: runs the folded float recogniser, with the tensors to quantise made
/// graph outputs, on the strips the pipeline reads (<see cref="OnnxRecognizerOptions.StripBatchObserver"/>), keeps each
/// tensor's extremes and a strided sample of its values, and clips each range where 256 levels err least on the sample.
/// </summary>
public sealed class ActivationRangeCollector : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string[] _probes;
    private readonly string _modelSha256;
    private readonly Dictionary<string, (float Min, float Max)> _extremes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<float>> _samples = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private const int SamplesPerBatch = 1024;

    /// <summary>Strips seen so far.</summary>
    public int Strips { get; private set; }

    public ActivationRangeCollector(string recognizerModelPath, int intraOpThreads = 2)
    {
        var bytes = File.ReadAllBytes(recognizerModelPath);
        _modelSha256 = ActivationRanges.Sha256Of(bytes);
        var proto = ModelProto.Parser.ParseFrom(bytes);
        ExactGraphFolds.Fold(proto);
        _probes = [.. PointwiseInt8.Probes(proto)];
        foreach (var probe in _probes)
            if (proto.Graph.Output.All(o => o.Name != probe)) proto.Graph.Output.Add(new ValueInfoProto { Name = probe });
        using var so = new SessionOptions { IntraOpNumThreads = Math.Max(1, intraOpThreads), GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _session = new InferenceSession(proto.ToByteArray(), so);
        _input = _session.InputMetadata.Keys.First();
    }

    /// <summary>Runs one batch of strips (NCHW, as the recogniser reads them) and records what its tensors held.</summary>
    public void Observe(Memory<float> batch, long[] shape)
    {
        using var pin = batch.Pin();
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, batch, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [_input], [input], _probes);
        lock (_gate)
        {
            Strips += (int)shape[0];
            for (int i = 0; i < _probes.Length; i++)
            {
                var data = outputs[i].GetTensorDataAsSpan<float>();
                float min = float.PositiveInfinity, max = float.NegativeInfinity;
                foreach (var v in data) { if (v < min) min = v; if (v > max) max = v; }
                _extremes[_probes[i]] = _extremes.TryGetValue(_probes[i], out var r) ? (Math.Min(r.Min, min), Math.Max(r.Max, max)) : (min, max);
                var sample = _samples.TryGetValue(_probes[i], out var sl) ? sl : _samples[_probes[i]] = [];
                int stride = Math.Max(1, data.Length / SamplesPerBatch);
                for (int k = (Strips * 7919) % stride; k < data.Length; k += stride) sample.Add(data[k]);
            }
        }
    }

    /// <summary>Each tensor's range, its extremes scaled down (by 1.00, 0.99, ... 0.05) to where quantising the sample to
    /// 256 levels errs least (mean squared error, clipped values included): the activations have long tails (a gate's
    /// output up to 57 where most values are under 2), and the full range would give the many small values coarse steps.
    /// Measured end to end, the full range read US 92 and crops 356 where these read 98 and 358 (float: 100, 363).</summary>
    public ActivationRanges Ranges()
    {
        lock (_gate)
            return new ActivationRanges(_modelSha256, _samples.ToDictionary(s => s.Key, s => LeastError(s.Value, _extremes[s.Key]), StringComparer.Ordinal));
    }

    private static (float, float) LeastError(List<float> sample, (float Min, float Max) extremes)
    {
        float min = Math.Min(0, extremes.Min), max = Math.Max(0, extremes.Max);
        (float, float) best = (min, max);
        double bestError = double.PositiveInfinity;
        for (int step = 100; step >= 5; step--)
        {
            float lo = min * step / 100f, hi = max * step / 100f;
            float scale = (hi - lo) / 255f;
            if (!(scale > 0)) break;
            float zero = MathF.Round(-lo / scale);
            double error = 0;
            foreach (var v in sample)
            {
                float q = Math.Clamp(MathF.Round(v / scale) + zero, 0, 255);
                float d = (q - zero) * scale - v;
                error += d * d;
            }
            if (error < bestError) (bestError, best) = (error, (lo, hi));
        }
        return best;
    }

    public void Dispose() => _session.Dispose();
}
