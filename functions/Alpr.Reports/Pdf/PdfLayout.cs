using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Alpr.Reports.Pdf;

/// <summary>A table column: its heading, its share of the page width, and whether figures align right.</summary>
public sealed record Column(string Heading, double Width, bool Right = false);

/// <summary>
/// A small flow layout over PDFsharp: text, wrapped tables that continue on the next page with their heading row
/// again, and drawing areas for charts. Letter portrait; every page gets a footer with the report's name and
/// "page i of n" when the document is finished.
/// </summary>
public sealed class PdfLayout
{
    public const double Margin = 50;
    private readonly PdfDocument _doc = new();
    private readonly string _footer;
    private XGraphics _gfx = null!;
    private PdfPage _page = null!;
    public double Y { get; private set; }

    public static readonly XFont Title = Font(17, bold: true), Heading = Font(12.5, bold: true), Body = Font(9), Small = Font(7.5),
        SmallBold = Font(7.5, bold: true), Italic = Font(9, italic: true);

    public static XFont Font(double size, bool bold = false, bool italic = false)
    {
        DejaVuFontResolver.EnsureInstalled();
        var style = (bold, italic) switch { (true, true) => XFontStyleEx.BoldItalic, (true, false) => XFontStyleEx.Bold, (false, true) => XFontStyleEx.Italic, _ => XFontStyleEx.Regular };
        return new XFont(DejaVuFontResolver.Family, size, style);
    }

    public PdfLayout(string title, string footer)
    {
        _footer = footer;
        _doc.Info.Title = title;
        _doc.Info.Creator = "ALPR back end (quarterly reports)";
        NewPage();
    }

    public XGraphics Graphics => _gfx;
    public double Width => _page.Width.Point - 2 * Margin;
    private double Bottom => _page.Height.Point - Margin - 14;

    public void NewPage()
    {
        _gfx?.Dispose();
        _page = _doc.AddPage();
        _page.Size = PageSize.Letter;
        _gfx = XGraphics.FromPdfPage(_page);
        Y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> more points fit on this one.</summary>
    public void Need(double height)
    {
        if (Y + height > Bottom) NewPage();
    }

    public void Space(double points) => Y += points;

    public void Text(string text, XFont font, XBrush? brush = null)
    {
        foreach (var line in Wrap(text, font, Width))
        {
            double h = font.GetHeight();
            Need(h);
            _gfx.DrawString(line, font, brush ?? XBrushes.Black, new XRect(Margin, Y, Width, h), XStringFormats.TopLeft);
            Y += h;
        }
    }

    public void Section(string heading)
    {
        Need(100); // a heading never ends a page: it stays with the start of its section
        Space(10);
        Text(heading, Heading, new XSolidBrush(XColor.FromArgb(20, 50, 100)));
        _gfx.DrawLine(new XPen(XColor.FromArgb(20, 50, 100), 0.6), Margin, Y + 1, Margin + Width, Y + 1);
        Space(5);
    }

    /// <summary>Label/value pairs in two columns.</summary>
    public void Facts(IEnumerable<(string Label, string Value)> facts)
    {
        foreach (var (label, value) in facts)
        {
            var lines = Wrap(value, Body, Width * 0.62);
            double h = Body.GetHeight() * lines.Count;
            Need(h);
            _gfx.DrawString(label, Font(9, bold: true), XBrushes.Black, new XRect(Margin, Y, Width * 0.36, h), XStringFormats.TopLeft);
            for (int i = 0; i < lines.Count; i++)
                _gfx.DrawString(lines[i], Body, XBrushes.Black, new XRect(Margin + Width * 0.38, Y + i * Body.GetHeight(), Width * 0.62, Body.GetHeight()), XStringFormats.TopLeft);
            Y += h + 1;
        }
    }

    /// <summary>A table with wrapped cells; "(none)" when there are no rows. Column widths are fractions of the page width.</summary>
    public void Table(IReadOnlyList<Column> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        double total = columns.Sum(c => c.Width);
        var widths = columns.Select(c => c.Width / total * Width).ToArray();
        double lineH = Small.GetHeight();
        var shade = new XSolidBrush(XColor.FromArgb(232, 237, 245));
        var grid = new XPen(XColor.FromArgb(190, 190, 190), 0.3);

        void HeaderRow()
        {
            var cells = columns.Select((c, i) => Wrap(c.Heading, SmallBold, widths[i] - 4)).ToList();
            double h = cells.Max(c => c.Count) * lineH + 3;
            Need(h + lineH + 3);
            _gfx.DrawRectangle(shade, Margin, Y, Width, h);
            DrawCells(cells, h, SmallBold);
        }

        void DrawCells(List<List<string>> cells, double h, XFont font)
        {
            double x = Margin;
            for (int i = 0; i < cells.Count; i++)
            {
                for (int l = 0; l < cells[i].Count; l++)
                    _gfx.DrawString(cells[i][l], font, XBrushes.Black, new XRect(x + 2, Y + 1.5 + l * lineH, widths[i] - 4, lineH),
                        columns[i].Right ? XStringFormats.TopRight : XStringFormats.TopLeft);
                x += widths[i];
            }
            _gfx.DrawLine(grid, Margin, Y + h, Margin + Width, Y + h);
            Y += h;
        }

        HeaderRow();
        bool any = false;
        foreach (var row in rows)
        {
            any = true;
            var cells = row.Select((text, i) => Wrap(text, Small, widths[i] - 4)).ToList();
            double h = cells.Max(c => c.Count) * lineH + 3;
            if (Y + h > Bottom) { NewPage(); HeaderRow(); }
            DrawCells(cells, h, Small);
        }
        if (!any) Text("(none)", Italic, XBrushes.Gray);
        Space(4);
    }

    /// <summary>Reserves <paramref name="height"/> points and lets <paramref name="draw"/> paint into that rectangle.</summary>
    public void Drawing(double height, Action<XGraphics, XRect> draw)
    {
        Need(height);
        draw(_gfx, new XRect(Margin, Y, Width, height));
        Y += height;
    }

    public byte[] Finish()
    {
        _gfx.Dispose();
        int n = _doc.PageCount;
        for (int i = 0; i < n; i++)
        {
            using var g = XGraphics.FromPdfPage(_doc.Pages[i], XGraphicsPdfPageOptions.Append);
            double y = _doc.Pages[i].Height.Point - Margin + 8;
            g.DrawString(_footer, Small, XBrushes.Gray, new XRect(Margin, y, Width, 10), XStringFormats.TopLeft);
            g.DrawString($"page {i + 1} of {n}", Small, XBrushes.Gray, new XRect(Margin, y, Width, 10), XStringFormats.TopRight);
        }
        using var ms = new MemoryStream();
        _doc.Save(ms, false);
        return ms.ToArray();
    }

    /// <summary>Greedy word wrap by measured width; words longer than a line are cut by characters.</summary>
    public List<string> Wrap(string? text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? "").Replace("\r", "").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                string candidate = line.Length == 0 ? word : line + " " + word;
                if (_gfx.MeasureString(candidate, font).Width <= width) { line = candidate; continue; }
                if (line.Length > 0) lines.Add(line);
                line = word;
                while (line.Length > 1 && _gfx.MeasureString(line, font).Width > width)
                {
                    int cut = line.Length - 1;
                    while (cut > 1 && _gfx.MeasureString(line[..cut], font).Width > width) cut--;
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }
}
