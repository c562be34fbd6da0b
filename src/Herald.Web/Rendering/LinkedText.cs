using Herald.Configuration;
using Microsoft.AspNetCore.Html;

namespace Herald.Web.Rendering;

/// <summary>Text with some runs linked (<see cref="SecuritySettings.Link"/>), as HTML: every run encoded, nothing added around it.</summary>
public static class LinkedText
{
    /// <summary>The runs as HTML, exactly their text (for a <c>pre</c>), the linked ones in <c>a rel="external"</c>.</summary>
    public static IHtmlContent Render(IReadOnlyList<LinkedRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var html = new HtmlContentBuilder(runs.Count * 3);
        foreach (var run in runs)
        {
            if (run.Link is null)
            {
                html.Append(run.Text);
                continue;
            }

            html.AppendHtml("<a rel=\"external\" href=\"");
            html.Append(run.Link.AbsoluteUri);
            html.AppendHtml("\">");
            html.Append(run.Text);
            html.AppendHtml("</a>");
        }

        return html;
    }
}
