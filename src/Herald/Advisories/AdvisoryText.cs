using System.Globalization;
using System.Text;

namespace Herald.Advisories;

/// <summary>The plain text of an advisory, in the Xen Project's layout (what is clear-signed, served as <c>.txt</c> and mailed).</summary>
public static class AdvisoryText
{
    /// <summary>The width the header lines are centred in, as Xen's advisories are.</summary>
    private const int Width = 70;

    /// <summary>
    /// The text of <paramref name="advisory"/>'s current version for project <paramref name="projectName"/>: the centred
    /// header (<c>Xen Security Advisory CVE-… / XSA-500</c>, <c>version N</c>, the title), the embargo line while it is
    /// stored as embargoed, <c>UPDATES IN VERSION N</c>, then every non-empty section under its heading in capitals, the
    /// patch files with their SHA-256 under RESOLUTION. Depends on the advisory alone (no clock): the same advisory
    /// gives the same text. Lines end with LF, and the text with one.
    /// </summary>
    public static string Render(ManagedAdvisory advisory, string projectName)
    {
        ArgumentNullException.ThrowIfNull(advisory);
        ArgumentNullException.ThrowIfNull(projectName);
        var content = advisory.Content;
        var text = new StringBuilder();
        var name = string.IsNullOrWhiteSpace(projectName) ? string.Empty : projectName.Trim() + " ";
        var ids = content.Cves.Count > 0 ? string.Join(',', content.Cves) + " / " + advisory.Id : advisory.Id;
        text.Append(Centre($"{name}Security Advisory {ids}")).Append('\n');
        text.Append(Centre("version " + advisory.Revision.ToString(CultureInfo.InvariantCulture))).Append('\n');
        text.Append('\n');
        text.Append(Centre(content.Title)).Append('\n');
        if (advisory.State == AdvisoryState.Embargoed && advisory.EmbargoUntil is { } until)
        {
            text.Append('\n').Append(EmbargoLine(until)).Append('\n');
        }

        var updates = advisory.Revisions.FirstOrDefault(r => r.Revision == advisory.Revision)?.Updates;
        if (!string.IsNullOrWhiteSpace(updates))
        {
            Section(text, "Updates in version " + advisory.Revision.ToString(CultureInfo.InvariantCulture), updates);
        }

        foreach (var (heading, read) in AdvisorySections.Order)
        {
            var body = read(content.Sections);
            if (heading == "Resolution" && advisory.Patches.Count > 0)
            {
                body = Resolution(body, advisory);
            }

            if (body.Length > 0)
            {
                Section(text, heading, body);
            }
        }

        return text.ToString();
    }

    /// <summary>The line saying until when an embargoed advisory is secret: <c>This issue is under embargo until 2030-01-01 12:00 UTC</c>.</summary>
    public static string EmbargoLine(DateTimeOffset until) =>
        "This issue is under embargo until " + until.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static void Section(StringBuilder text, string heading, string body)
    {
        var title = heading.ToUpperInvariant();
        text.Append('\n').Append(title).Append('\n').Append('=', title.Length).Append("\n\n");
        text.Append(body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n')).Append('\n');
    }

    /// <summary>The resolution text, then every patch file with its branch, then their SHA-256 as <c>sha256sum</c> prints them.</summary>
    private static string Resolution(string body, ManagedAdvisory advisory)
    {
        var text = new StringBuilder();
        text.Append(body.Length > 0 ? body.Trim('\n') : "Applying the appropriate attached patch resolves this issue.").Append("\n\n");
        var patches = advisory.Patches.OrderBy(p => p.FileName, StringComparer.Ordinal).ToList();
        var width = patches.Max(p => p.FileName.Length) + 3;
        foreach (var patch in patches)
        {
            text.Append(patch.FileName.PadRight(width)).Append(patch.Branch).Append('\n');
        }

        text.Append("\n$ sha256sum ").AppendJoin(' ', patches.Select(p => p.FileName)).Append('\n');
        foreach (var patch in patches)
        {
            text.Append(patch.Sha256).Append("  ").Append(patch.FileName).Append('\n');
        }

        return text.Append('$').ToString();
    }

    private static string Centre(string line) =>
        line.Length >= Width ? line : new string(' ', (Width - line.Length) / 2) + line;
}
