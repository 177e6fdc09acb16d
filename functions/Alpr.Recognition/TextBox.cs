using SkiaSharp;

namespace Alpr.Recognition;

/// <summary>A detected text region in original-image pixels, with the detector's mean probability inside it.</summary>
public readonly record struct TextBox(SKRectI Rect, float Score);
