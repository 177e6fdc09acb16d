using System.Globalization;
using Alpr.Core.Retention;

namespace Alpr.Core.Reports;

/// <summary>
/// A calendar quarter ("2026Q3") in the agency's zone. It starts at local midnight of its first day and ends
/// (exclusive) at local midnight of the next quarter's first day, each converted with the offset in force on that
/// date (<see cref="RetentionClock.StartOfDay"/>), so a quarter spanning a DST change is still exactly its days.
/// </summary>
public readonly record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        var t = text?.Trim();
        if (t is not { Length: 6 } || (t[4] != 'Q' && t[4] != 'q')) return false;
        if (!int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year) || year < 2000) return false;
        if (t[5] is < '1' or > '4') return false;
        quarter = new Quarter(year, t[5] - '0');
        return true;
    }

    public DateOnly FirstDay => new(Year, (Number - 1) * 3 + 1, 1);
    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);
    public Quarter Next => Number == 4 ? new Quarter(Year + 1, 1) : new Quarter(Year, Number + 1);
    public Quarter Previous => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    public IEnumerable<DateOnly> Days()
    {
        for (var d = FirstDay; d <= LastDay; d = d.AddDays(1)) yield return d;
    }

    public bool Contains(DateOnly day) => day >= FirstDay && day <= LastDay;

    public static Quarter Containing(DateOnly day) => new(day.Year, (day.Month - 1) / 3 + 1);

    public static Quarter Containing(DateTimeOffset instant, TimeZoneInfo zone) => Containing(RetentionClock.LocalDay(instant, zone));

    /// <summary>UTC instant of local midnight starting the quarter.</summary>
    public DateTimeOffset Start(TimeZoneInfo zone) => RetentionClock.StartOfDay(FirstDay, zone).ToUniversalTime();

    /// <summary>UTC instant the quarter ends (exclusive): local midnight starting the next quarter.</summary>
    public DateTimeOffset End(TimeZoneInfo zone) => Next.Start(zone);

    public bool Contains(DateTimeOffset instant, TimeZoneInfo zone) => instant >= Start(zone) && instant < End(zone);

    public bool HasEnded(DateTimeOffset now, TimeZoneInfo zone) => now >= End(zone);

    /// <summary>The most recent quarter that has ended by <paramref name="now"/> (the one the timer reports on).</summary>
    public static Quarter LastEnded(DateTimeOffset now, TimeZoneInfo zone) => Containing(now, zone).Previous;

    /// <summary>
    /// A string range for a coarse query prefilter on stored ISO-8601 instants: any instant in the quarter, written
    /// with any UTC offset (−12..+14 h), has a date prefix in [Low, High). The exact test is <see cref="Contains(DateTimeOffset, TimeZoneInfo)"/>.
    /// </summary>
    public (string Low, string High) PrefilterRange(TimeZoneInfo zone) =>
        (DateOnly.FromDateTime(Start(zone).UtcDateTime).AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
         DateOnly.FromDateTime(End(zone).UtcDateTime).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public int CompareTo(Quarter other) => (Year, Number).CompareTo((other.Year, other.Number));

    public override string ToString() => $"{Year}Q{Number}";
}
