namespace Alpr.Core.Plates;

/// <summary>
/// Resolves the letter/digit pairs that plate fonts make ambiguous. Most plate series (all US states, Brazil's
/// ABC1234, many EU systems) avoid the letters O and I inside the serial, so an O or I that sits among digits or in the
/// leading part of a mixed serial is read as 0 or 1. Letters in a trailing two-letter suffix (EU "…AO", "…AI") and plates
/// with no digits at all (vanity plates, words) are left alone.
/// </summary>
public static class ConfusableRules
{
    public static string Apply(string normalized)
    {
        if (normalized.Length == 0) return normalized;
        int lastDigit = -1;
        for (int i = 0; i < normalized.Length; i++) if (char.IsAsciiDigit(normalized[i])) lastDigit = i;
        if (lastDigit < 0) return normalized;
        int n = normalized.Length;
        // "RK550A0" -> "RK550AO": in a letters-digits-letters serial (two leading letters, a digit group, a two-character
        // suffix starting with a letter) the suffix is a letter pair, so a trailing 0/1 there is O/I.
        if (n >= 5 && char.IsAsciiDigit(normalized[n - 3]) && char.IsAsciiLetter(normalized[n - 2]) && normalized[n - 1] is '0' or '1'
            && char.IsAsciiDigit(normalized[n - 4]) && char.IsAsciiDigit(normalized[n - 5])
            && char.IsAsciiLetter(normalized[0]) && char.IsAsciiLetter(normalized[1]))
        {
            normalized = normalized[..(n - 1)] + (normalized[n - 1] == '0' ? 'O' : 'I');
            lastDigit = n - 3;
        }
        int trailingLetters = normalized.Length - 1 - lastDigit;
        var chars = normalized.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            bool inTrailingGroup = i > lastDigit && trailingLetters == 2;
            if (inTrailingGroup) continue;
            chars[i] = chars[i] switch { 'O' => '0', 'I' => '1', _ => chars[i] };
        }
        return new string(chars);
    }
}
