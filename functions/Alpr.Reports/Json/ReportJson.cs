using System.Text.Json;
using System.Text.Json.Serialization;
using Alpr.Core.Reports;

namespace Alpr.Reports.Json;

/// <summary>summary.json (every figure and finding, not the raw access list) and sample.json (the draw, redrawable).</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    public static byte[] Summary(QuarterReport r, int version) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        r.Quarter, version, r.Agency, r.Policy, r.TimeZone, r.PeriodStart, r.PeriodEnd, r.FirstDay, r.LastDay, r.GeneratedAt, r.Trigger,
        detection = r.Detection,
        audit = new
        {
            r.Audit.Entries, r.Audit.UserEntries, r.Audit.Refused, r.Audit.AccessByUser, r.Audit.Flagged, r.Audit.Releases, r.Audit.Holds, r.Audit.PurgeRuns,
            r.Audit.OverRetained, r.Audit.TrainingLapses, r.Audit.Chain, r.Audit.Cases,
        },
        findings = r.Findings,
        sample = new { r.Sample.Algorithm, r.Sample.Seed, r.Sample.Requested, r.Sample.CandidateCount, r.Sample.CandidatesSha256, items = r.Sample.Items },
    }, Options);

    public static byte[] Sample(QuarterReport r, int version) => JsonSerializer.SerializeToUtf8Bytes(new { r.Quarter, version, sample = r.Sample }, Options);
}
