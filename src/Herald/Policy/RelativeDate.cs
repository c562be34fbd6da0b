using System.Globalization;

namespace Herald.Policy;

/// <summary>
/// How far a date lies from today in words a visitor reads at a glance ("in 13 months", "2 years ago"):
/// whole days under 45 days, whole calendar months under two years, whole years beyond.
/// </summary>
public static class RelativeDate
{
    /// <summary>
    /// <paramref name="date"/> relative to <paramref name="today"/>: "today", "tomorrow", "yesterday",
    /// "in N days|months|years" for a future date, "N days|months|years ago" for a past one. Units are
    /// counted down (11 months and 29 days is "11 months").
    /// </summary>
    public static string Describe(DateOnly date, DateOnly today)
    {
        var days = date.DayNumber - today.DayNumber;
        switch (days)
        {
            case 0:
                return "today";
            case 1:
                return "tomorrow";
            case -1:
                return "yesterday";
        }

        var (early, late) = days > 0 ? (today, date) : (date, today);
        var span = Math.Abs(days) < 45 ? Units(Math.Abs(days), "day") : Span(early, late);
        return days > 0 ? "in " + span : span + " ago";
    }

    /// <summary>
    /// The end of something as a phrase: "ends in 13 months" while <paramref name="end"/> (the last day,
    /// inclusive) is today or later, "ended 2 years ago" after it.
    /// </summary>
    public static string Ends(DateOnly end, DateOnly today) =>
        end >= today ? "ends " + Describe(end, today) : "ended " + Describe(end, today);

    private static string Span(DateOnly early, DateOnly late)
    {
        var months = ((late.Year - early.Year) * 12) + late.Month - early.Month - (late.Day < early.Day ? 1 : 0);
        return months < 24 ? Units(Math.Max(1, months), "month") : Units(months / 12, "year");
    }

    private static string Units(int count, string unit) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + unit + (count == 1 ? string.Empty : "s");
}
