using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Herald.Web.Rendering;

/// <summary>A horizontal bar chart as inline SVG, rendered on the server (no JavaScript); labels are escaped.</summary>
public static class BarChart
{
    private const int BarHeight = 18;
    private const int LabelWidth = 220;
    private const int ChartWidth = 640;

    /// <summary>Renders the bars; <paramref name="title"/> names the chart for screen readers.</summary>
    public static IHtmlContent Render(string title, IReadOnlyList<(string Label, long Value)> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var encoder = HtmlEncoder.Default;
        var max = bars.Count == 0 ? 1 : Math.Max(1, bars.Max(b => b.Value));
        var height = (bars.Count * (BarHeight + 6)) + 6;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {ChartWidth} {height}\" width=\"100%\" aria-label=\"{encoder.Encode(title)}\"><title>{encoder.Encode(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = 6 + (i * (BarHeight + 6));
            var width = (int)Math.Round((ChartWidth - LabelWidth - 70) * (double)value / max);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 13}\" text-anchor=\"end\">{encoder.Encode(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{Math.Max(1, width)}\" height=\"{BarHeight}\" rx=\"3\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + width + 6}\" y=\"{y + 13}\">{value.ToString("N0", CultureInfo.InvariantCulture)}</text>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
