using Alpr.Core.Access;
using Alpr.Core.Audit;
using Alpr.Core.Reports;
using Alpr.Core.Tests.Reports;
using Alpr.Reports.Pdf;
using PdfSharp.Pdf.IO;

namespace Alpr.Reports.Tests;

/// <summary>The PDFs as a person sees them: rasterised by poppler, counted, checked for ink, charts and figures.</summary>
public class PdfRenderingTests
{
    private static readonly QuarterReport Report = QuarterReportBuilder.Build(SeededQuarter.Records(), SeededQuarter.Seed);

    /// <summary>ALPR_KEEP_PDF=DIR keeps the rendered PDFs for a person to look at.</summary>
    private static byte[] Keep(string name, byte[] pdf)
    {
        if (Environment.GetEnvironmentVariable("ALPR_KEEP_PDF") is { Length: > 0 } dir) File.WriteAllBytes(Path.Combine(dir, name), pdf);
        return pdf;
    }

    private static int PageCountOf(byte[] pdf)
    {
        using var doc = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        return doc.PageCount;
    }

    [Fact]
    public void Total_detection_pdf_renders_with_its_chart_and_figures()
    {
        byte[] pdf = Keep("total-detection.pdf", TotalDetectionPdf.Render(Report, version: 3));
        var rendered = PdfPages.Render(pdf);
        Assert.Equal(PageCountOf(pdf), rendered.Pages.Count);
        Assert.InRange(rendered.Pages.Count, 2, 6); // summary + charts, then the 92-day table
        Assert.All(rendered.Pages, p => Assert.True(PdfPages.InkRatio(p) > 0.005, "a page is blank"));
        // The reads-per-day bars (fixed = blue) and the hits chart (confirmed = green) are drawn on the pages.
        Assert.True(rendered.Pages.Sum(p => PdfPages.PixelsNear(p, 46, 94, 170)) > 20, "no blue bars");
        Assert.True(rendered.Pages.Sum(p => PdfPages.PixelsNear(p, 60, 150, 80)) > 20, "no green bars");
        Assert.Contains("Total Detection Report — 2026Q4", rendered.Text);
        Assert.Contains("Version 3", rendered.Text);
        Assert.Matches(@"Reads captured\s+16\b", rendered.Text);
        Assert.Matches(@"Misread rate \(operator verdicts\)\s+40\.0 %", rendered.Text);
        Assert.Contains("2026-12-31", rendered.Text);
        Assert.Contains($"page {rendered.Pages.Count} of {rendered.Pages.Count}", rendered.Text);
    }

    [Fact]
    public void System_audit_pdf_renders_every_section_and_the_findings()
    {
        byte[] pdf = Keep("system-audit.pdf", SystemAuditPdf.Render(Report, version: 1));
        var rendered = PdfPages.Render(pdf);
        Assert.Equal(PageCountOf(pdf), rendered.Pages.Count);
        Assert.All(rendered.Pages, p => Assert.True(PdfPages.InkRatio(p) > 0.005, "a page is blank"));
        foreach (var heading in new[] { "Findings", "Audit-log chain verification", "Data access by user", "flagged by the prohibited-use guards",
                     "Data-release requests", "Evidence holds placed, reviewed, released", "Purge runs and what they removed",
                     "Data retained longer than two years", "training lapsed", "Cases: analysis of use", "Random review of images" })
            Assert.Contains(heading, rendered.Text);
        Assert.Contains("r-old-orphan", rendered.Text);
        Assert.Contains("NO HOLD", rendered.Text);
        Assert.Contains("immigration-needs-", rendered.Text); // the rule wraps inside its cell
        Assert.Contains(Report.Sample.Seed, rendered.Text);
    }

    [Fact]
    public void Long_tables_continue_on_new_pages()
    {
        // 400 users with one search each: the access table alone needs several pages.
        var many = Enumerable.Range(0, 400).Select(i => new AuditEntry
        {
            Id = $"x{i}", At = SeededQuarter.Local(2026, 10, 2, 9), ActorType = "user", ActorId = $"user-{i:D3}", ActorRole = nameof(Role.Officer),
            Action = "reads.search", Outcome = AuditOutcome.Allowed, Reason = "criminal-investigation", CaseNumber = $"26-{i:D6}", ResultCount = 1,
        });
        var big = QuarterReportBuilder.Build(SeededQuarter.Records() with { Audit = [.. SeededQuarter.Audit, .. many] }, SeededQuarter.Seed);
        byte[] small = SystemAuditPdf.Render(Report, 1), large = SystemAuditPdf.Render(big, 1);
        var rendered = PdfPages.Render(large);
        Assert.True(rendered.Pages.Count >= PageCountOf(small) + 5, $"{rendered.Pages.Count} pages");
        Assert.Contains("user-399", rendered.Text);
        Assert.All(rendered.Pages, p => Assert.True(PdfPages.InkRatio(p) > 0.003, "a page is blank"));
    }

    [Fact]
    public void Missing_fonts_fail_with_the_package_to_install()
    {
        var empty = Directory.CreateTempSubdirectory("no-fonts-").FullName;
        var e = Assert.Throws<InvalidOperationException>(() => DejaVuFontResolver.FindDirectory([empty]));
        Assert.Contains("fonts-dejavu-core", e.Message);
        Assert.Equal("/usr/share/fonts/truetype/dejavu", DejaVuFontResolver.FindDirectory([empty, "/usr/share/fonts/truetype/dejavu"]));
    }
}
