using Alpr.Core.Reports;
using PdfSharp.Drawing;

namespace Alpr.Reports.Pdf;

/// <summary>The Total Detection Report for the chief (Palm Springs 430.4(h)): reads per source, day and camera, hits per list and outcome.</summary>
public static class TotalDetectionPdf
{
    public static byte[] Render(QuarterReport r, int version)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(r.TimeZone);
        var d = r.Detection;
        var pdf = new PdfLayout($"Total Detection Report {r.Quarter}", $"{r.Agency} · Total Detection Report {r.Quarter} · version {version}");
        pdf.Text($"Total Detection Report — {r.Quarter}", PdfLayout.Title);
        pdf.Text($"{r.Agency}, {Format.Day(r.FirstDay)} to {Format.Day(r.LastDay)} ({r.TimeZone})", PdfLayout.Body);
        pdf.Text($"Version {version}, generated {Format.Local(r.GeneratedAt, zone)} ({r.Trigger}). Submitted to the Chief of Police under Palm Springs 430.4(h).", PdfLayout.Italic);
        pdf.Space(6);
        pdf.Facts([
            ("Reads captured", Format.N(d.TotalReads)),
            ("  fixed cameras", Format.N(d.PerSource.Single(s => s.Source == "fixed").Reads)),
            ("  mobile units", Format.N(d.PerSource.Single(s => s.Source == "mobile").Reads)),
            ("  already purged by retention", Format.N(d.PurgedReads)),
            ("Hotlist hits", Format.N(d.Hits)),
            ("  confirmed / rejected / corrected", $"{Format.N(d.Confirmed)} / {Format.N(d.Rejected)} / {Format.N(d.Corrected)}"),
            ("  still unverified", Format.N(d.Unverified)),
            ("Misread rate (operator verdicts)", Format.Percent(d.MisreadRate) + $" — rejected + corrected of {Format.N(d.Verdicts)} verdicts"),
        ]);

        pdf.Section("Reads per day");
        var labels = d.PerDay.Select(x => x.Day.ToString("MM-dd")).ToList();
        pdf.Drawing(190, (g, area) => BarChart.Draw(g, area, "reads per agency-local day (stacked by source)", labels,
            [new Series("fixed", BarChart.Blue, d.PerDay.Select(x => (double)x.Fixed).ToList()), new Series("mobile", BarChart.Orange, d.PerDay.Select(x => (double)x.Mobile).ToList())],
            labelEvery: 7));
        pdf.Text("Days include reads the retention purge had already deleted when the report was made (counted from the purge records).", PdfLayout.Small, XBrushes.Gray);

        pdf.Section("Reads per source");
        pdf.Table([new("source", 2), new("reads", 1, true), new("of which purged", 1, true)],
            d.PerSource.Select(s => (IReadOnlyList<string>)[s.Source, Format.N(s.Reads), Format.N(s.Purged)]));

        pdf.Section("Hits per list and outcome");
        if (d.HitsPerList.Count > 0)
            pdf.Drawing(170, (g, area) => BarChart.Draw(g, area, "hits per list by operator verdict", d.HitsPerList.Select(l => l.ListId).ToList(),
            [
                new Series("confirmed", BarChart.Green, d.HitsPerList.Select(l => (double)l.Confirmed).ToList()),
                new Series("rejected", BarChart.Red, d.HitsPerList.Select(l => (double)l.Rejected).ToList()),
                new Series("corrected", BarChart.Purple, d.HitsPerList.Select(l => (double)l.Corrected).ToList()),
                new Series("unverified", BarChart.Grey, d.HitsPerList.Select(l => (double)l.Unverified).ToList()),
            ]));
        pdf.Table([new("list", 2.2), new("hits", 1, true), new("confirmed", 1, true), new("rejected", 1, true), new("corrected", 1, true), new("unverified", 1, true)],
            d.HitsPerList.Select(l => (IReadOnlyList<string>)[l.ListId, Format.N(l.Hits), Format.N(l.Confirmed), Format.N(l.Rejected), Format.N(l.Corrected), Format.N(l.Unverified)]));

        pdf.Section("Reads per camera");
        pdf.Text($"Stored reads only: {Format.N(d.PurgedReads)} read(s) purged before this report are not attributed to a camera (purge records keep source and day, not camera).", PdfLayout.Small, XBrushes.Gray);
        pdf.Table([new("camera", 3), new("source", 1), new("reads", 1, true)],
            d.PerCamera.Select(c => (IReadOnlyList<string>)[c.CameraId, c.Source, Format.N(c.Reads)]));

        pdf.Section("Reads per day (table)");
        pdf.Table([new("day", 1.3), new("fixed", 1, true), new("mobile", 1, true), new("total", 1, true), new("of which purged", 1, true)],
            d.PerDay.Select(x => (IReadOnlyList<string>)[Format.Day(x.Day), Format.N(x.Fixed), Format.N(x.Mobile), Format.N(x.Total), Format.N(x.Purged)]));
        return pdf.Finish();
    }
}
