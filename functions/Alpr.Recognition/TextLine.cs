namespace Alpr.Recognition;

/// <summary>One recognised line restricted to plate characters, with each character's probability and runner-up.</summary>
public sealed record TextLine(string Text, float[] CharProbs, char[] RunnerUps, float[] RunnerUpProbs)
{
    public double Confidence => CharProbs.Length == 0 ? 0 : CharProbs.Average();
}
