namespace Alpr.Core.Reads;

/// <summary>One reading of a plate with its confidence in [0,1]; reads keep the top few for fuzzy matching.</summary>
public sealed record PlateCandidate(string Text, double Confidence);
