using System.Text.RegularExpressions;

namespace Herald.Configuration;

/// <summary>
/// <c>[security]</c>: where the project's security advisories and CVE records are read, so that the ids a
/// commit message names (<c>XSA-123</c>, <c>CVE-2026-12345</c>) become links. Without a template, no links.
/// </summary>
/// <param name="AdvisoryUrl">The address of advisory number <c>{n}</c> (<c>advisory_url</c>), or null.</param>
/// <param name="CveUrl">The address of the CVE record <c>{id}</c> (<c>cve_url</c>), or null.</param>
/// <param name="Prefix">The prefix of the ids of advisories Herald manages (<c>prefix</c>, <c>XSA</c> by default): <c>XSA-500</c>.</param>
public sealed partial record SecuritySettings(UrlTemplate? AdvisoryUrl = null, UrlTemplate? CveUrl = null, string Prefix = SecuritySettings.DefaultPrefix)
{
    /// <summary>The prefix of advisory ids when <c>prefix</c> is not set.</summary>
    public const string DefaultPrefix = "XSA";

    /// <summary>The table's name at the top level of <c>herald.toml</c>.</summary>
    internal const string Key = "security";

    /// <summary>
    /// <paramref name="text"/> cut into runs in order, each advisory or CVE id with a template its own run with
    /// its link, the text between with none. Concatenated, the runs' texts are <paramref name="text"/>.
    /// </summary>
    public IReadOnlyList<LinkedRun> Link(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runs = new List<LinkedRun>();
        var start = 0;
        foreach (Match match in Ids().Matches(text))
        {
            var link = match.Groups["n"].Success
                ? AdvisoryUrl?.Expand(int.Parse(match.Groups["n"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture), "n")
                : CveUrl?.Expand(match.Value.ToUpperInvariant(), "id");
            if (link is null)
            {
                continue;
            }

            if (match.Index > start)
            {
                runs.Add(new LinkedRun(text[start..match.Index], null));
            }

            runs.Add(new LinkedRun(match.Value, link));
            start = match.Index + match.Length;
        }

        if (start < text.Length || runs.Count == 0)
        {
            runs.Add(new LinkedRun(text[start..], null));
        }

        return runs;
    }

    /// <summary>Reads <c>[security]</c> of <paramref name="root"/>; absent keys mean no links.</summary>
    internal static SecuritySettings Read(TomlSection root)
    {
        var section = root.Table(Key, "advisory_url", "cve_url", "prefix");
        var prefix = section.String("prefix") ?? DefaultPrefix;
        if (!PrefixPattern().IsMatch(prefix))
        {
            throw section.Error("prefix", $"'{(prefix.Length > 20 ? prefix[..20] + "…" : prefix)}' is not an advisory prefix; give 1 to 10 capital letters, e.g. prefix = \"XSA\".");
        }

        return new SecuritySettings(UrlTemplate.Read(section, "advisory_url", "n"), UrlTemplate.Read(section, "cve_url", "id"), prefix);
    }

    [GeneratedRegex("^[A-Z]{1,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();

    // The same ids as Backports.AdvisoryReferences finds.
    [GeneratedRegex(@"\b(?:XSA-(?<n>\d{1,5})|CVE-\d{4}-\d{4,7})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Ids();
}
