using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Herald.Policy;
using Microsoft.AspNetCore.Html;

namespace Herald.Web.Rendering;

/// <summary>
/// The release cycle as inline SVG rendered on the server (no JavaScript): one bar per released series
/// from its X.Y.0 through general support and security support to its end, years along the top, and a
/// line marking today. Labels are escaped; every bar carries a title a screen reader or tooltip shows.
/// </summary>
public static class CycleChart
{
    private const int LabelWidth = 56;
    private const int ChartWidth = 720;
    private const int BarHeight = 14;
    private const int RowHeight = 20;
    private const int AxisHeight = 22;

    /// <summary>
    /// Renders the bars of <paramref name="series"/> (those released; newest first, as given) on
    /// <paramref name="today"/>; <paramref name="highlight"/>, when set, names the series drawn as current.
    /// </summary>
    public static IHtmlContent Render(IReadOnlyList<SeriesStatus> series, DateOnly today, string? highlight = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var bars = series.Where(s => s.Released is not null).ToList();
        if (bars.Count == 0)
        {
            return HtmlString.Empty;
        }

        var start = new DateOnly(bars.Min(s => s.Released!.Value).Year, 1, 1);
        var lastEnd = bars.Max(s => End(s, today));
        var end = new DateOnly(Math.Max(lastEnd.Year, today.Year) + 1, 1, 1);
        var span = (double)(end.DayNumber - start.DayNumber);
        double X(DateOnly date) => LabelWidth + ((ChartWidth - LabelWidth - 24) * (date.DayNumber - start.DayNumber) / span);

        var encoder = HtmlEncoder.Default;
        var height = AxisHeight + (bars.Count * RowHeight) + 18;
        var svg = new StringBuilder();
        const string title = "Release cycle: general and security support of each series";
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"cycle\" role=\"img\" viewBox=\"0 0 {ChartWidth} {height}\" width=\"100%\" aria-label=\"{title}\"><title>{title}</title>\n");
        for (var year = start.Year; year <= end.Year; year += Step(end.Year - start.Year))
        {
            var x = X(new DateOnly(year, 1, 1));
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"year\" x1=\"{x:0.#}\" y1=\"{AxisHeight - 4}\" x2=\"{x:0.#}\" y2=\"{height - 16}\"></line><text class=\"year\" x=\"{x:0.#}\" y=\"12\" text-anchor=\"middle\">{year}</text>\n");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var s = bars[i];
            var y = AxisHeight + (i * RowHeight);
            var released = s.Released!.Value;
            var generalEnd = s.SupportedUntil ?? End(s, today);
            var securityEnd = End(s, today);
            var current = s.Series == highlight ? " current" : string.Empty;
            var tip = $"{s.Series}: released {Day(released)}"
                + (s.SupportedUntil is { } g ? $", general support until {Day(g)}" : string.Empty)
                + (s.SecurityUntil is { } sec ? $", security support until {Day(sec)}" : string.Empty)
                + $" ({s.Status.ToString().ToLowerInvariant()})";
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"bar cycle-{s.Status.ToString().ToLowerInvariant()}{current}\" data-series=\"{encoder.Encode(s.Series)}\"><title>{encoder.Encode(tip)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 6}\" y=\"{y + 11}\" text-anchor=\"end\">{encoder.Encode(s.Series)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"general\" x=\"{X(released):0.#}\" y=\"{y}\" width=\"{Math.Max(1, X(generalEnd) - X(released)):0.#}\" height=\"{BarHeight}\"></rect>");
            if (securityEnd > generalEnd)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"security\" x=\"{X(generalEnd):0.#}\" y=\"{y}\" width=\"{X(securityEnd) - X(generalEnd):0.#}\" height=\"{BarHeight}\"></rect>");
            }

            svg.Append("</g>\n");
        }

        var now = X(today);
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"today\"><title>Today, {Day(today)}</title><line x1=\"{now:0.#}\" y1=\"{AxisHeight - 6}\" x2=\"{now:0.#}\" y2=\"{height - 14}\"></line><text x=\"{now:0.#}\" y=\"{height - 3}\" text-anchor=\"middle\">today</text></g>");
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    // A series without an end date ends at its security end, else its general end, else (still running) today.
    private static DateOnly End(SeriesStatus s, DateOnly today) => s.SecurityUntil ?? s.SupportedUntil ?? today;

    private static int Step(int years) => years > 24 ? 4 : years > 12 ? 2 : 1;

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
