namespace Alpr.Core.Plates;

/// <summary>
/// How likely each numbering system is for one text line, from what the image shows: US plates use narrow, tall
/// characters (a character box about 0.4 as wide as high), EU and Brazilian plates wide ones (about 0.65). Weights are
/// relative and never zero: the cue tilts the format prior, it does not rule a family out.
/// </summary>
public sealed record FamilyCue(double Us, double Eu, double Br)
{
    public static FamilyCue Neutral { get; } = new(1, 1, 1);

    /// <summary>Where the two character shapes meet, and how soft the change is.</summary>
    public const double AspectBoundary = 0.52, AspectSoftness = 0.03;
    private const double Floor = 0.25;

    public double Weight(PlateFamily family) => family switch { PlateFamily.Us => Us, PlateFamily.Eu => Eu, _ => Br };

    public PlateFamily Likeliest => Us >= Eu && Us >= Br ? PlateFamily.Us : Eu >= Br ? PlateFamily.Eu : PlateFamily.Br;

    /// <param name="charAspect">Line width / (line height × characters).</param>
    public static FamilyCue FromCharAspect(double charAspect)
    {
        if (!(charAspect > 0)) return Neutral;
        double us = 1 / (1 + Math.Exp((charAspect - AspectBoundary) / AspectSoftness));
        return new FamilyCue(Floor + (1 - Floor) * us, Floor + (1 - Floor) * (1 - us), Floor + (1 - Floor) * (1 - us));
    }
}
