using Alpr.Core.Plates;

namespace Alpr.Recognition.Rules;

/// <summary>One text line found in an image: its greedy text, per-character options, and its box (image pixels).</summary>
public sealed record TextLine(string Text, double Confidence, IReadOnlyList<CharSlot> Slots,
    double CenterX, double CenterY, double Width, double Height)
{
    public double Aspect => Height <= 0 ? 0 : Width / Height;
    public double Left => CenterX - Width / 2;
    public double Right => CenterX + Width / 2;
    /// <summary>The detected box, when the line came from the detector (joined lines get the box spanning both).</summary>
    public Quad? Box { get; init; }

    /// <summary>A line whose characters are all certain (tests, and engines that give text only).</summary>
    public static TextLine FromText(string text, double confidence, double cx, double cy, double w, double h) =>
        new(text, confidence, CharSlot.FromText(text, confidence), cx, cy, w, h);

    public static TextLine FromRead(CtcRead read, Quad q) =>
        new(read.Text, read.Confidence, read.Slots, q.CenterX, q.CenterY, q.Width, q.Height) { Box = q };
}
