using Alpr.Core.Reports;
using Alpr.Reports.Csv;
using Alpr.Reports.Json;
using Alpr.Reports.Pdf;

namespace Alpr.Reports;

/// <summary>One file of a report version.</summary>
public sealed record ReportFile(string Name, string ContentType, byte[] Content);

/// <summary>Renders every file of one report version: the two PDFs, a CSV per table, sample.json and summary.json.</summary>
public static class ReportRenderer
{
    public const string TotalDetectionPdf = "total-detection.pdf", SystemAuditPdf = "system-audit.pdf", SummaryJson = "summary.json", SampleJson = "sample.json";

    public static IReadOnlyList<ReportFile> Render(QuarterReport report, int version)
    {
        var files = new List<ReportFile>
        {
            new(TotalDetectionPdf, "application/pdf", Pdf.TotalDetectionPdf.Render(report, version)),
            new(SystemAuditPdf, "application/pdf", Pdf.SystemAuditPdf.Render(report, version)),
        };
        files.AddRange(ReportCsv.Tables(report).Select(t => new ReportFile(t.Name, "text/csv", t.ToBytes())));
        files.Add(new(SampleJson, "application/json", ReportJson.Sample(report, version)));
        files.Add(new(SummaryJson, "application/json", ReportJson.Summary(report, version)));
        return files;
    }

    public static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".pdf" => "application/pdf",
        ".csv" => "text/csv",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
