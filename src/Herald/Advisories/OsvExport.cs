using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Herald.Releases;
using Herald.Storage;

namespace Herald.Advisories;

/// <summary>Advisories as OSV records (https://ossf.github.io/osv-schema/) and as a list in the spirit of Xen's <c>xsa.json</c>.</summary>
public static class OsvExport
{
    /// <summary>The OSV schema version the records follow.</summary>
    public const string SchemaVersion = "1.6.0";

    /// <summary>
    /// What an OSV id starts with for a database OSV does not aggregate (the schema accepts only registered
    /// prefixes, and <c>x_</c> for the others): <c>x_XSA-500</c>.
    /// </summary>
    public const string LocalPrefix = "x_";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The OSV JSON of <paramref name="advisory"/>, with where its fix landed (<paramref name="report"/>, when commits name it).</summary>
    public static string Serialize(ManagedAdvisory advisory, AdvisoryReport? report, Uri? repositoryUrl) =>
        Serialize(advisory, report, repositoryUrl, advisory?.Content.Versions ?? [], null);

    /// <summary>
    /// The OSV JSON of <paramref name="advisory"/>: <c>affected[0].ranges</c> one GIT range on
    /// <paramref name="repositoryUrl"/> per branch holding its fix (from <paramref name="report"/>, else one range
    /// with the advisory's own fix commits; none without a repository address), <c>versions</c> the
    /// <paramref name="versions"/> affected (<see cref="AffectedVersions"/>), references to the advisory's page and
    /// patches on <paramref name="portalUrl"/> when given.
    /// </summary>
    public static string Serialize(ManagedAdvisory advisory, AdvisoryReport? report, Uri? repositoryUrl, IReadOnlyList<string> versions, Uri? portalUrl)
    {
        ArgumentNullException.ThrowIfNull(advisory);
        ArgumentNullException.ThrowIfNull(versions);
        var content = advisory.Content;
        var record = new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["id"] = LocalPrefix + advisory.Id,
            ["modified"] = Time(advisory.PublishedAt is { } p && p > advisory.UpdatedAt ? p : advisory.UpdatedAt),
        };
        if (advisory.State == AdvisoryState.Public && (advisory.PublishedAt ?? advisory.EmbargoUntil) is { } published)
        {
            record["published"] = Time(published);
        }

        record["aliases"] = Array(content.Cves);
        record["summary"] = content.Title;
        var details = content.Sections.ToMarkdown().Trim();
        if (details.Length > 0)
        {
            record["details"] = details;
        }

        var affected = new JsonObject();
        var ranges = Ranges(advisory, report, repositoryUrl);
        if (ranges.Count > 0)
        {
            affected["ranges"] = ranges;
        }

        var allVersions = versions.Concat(content.Versions).Distinct(StringComparer.Ordinal).ToList();
        if (allVersions.Count > 0)
        {
            affected["versions"] = Array(allVersions);
        }

        if (content.Affects.Count > 0)
        {
            affected["database_specific"] = new JsonObject { ["series"] = Array(content.Affects) };
        }

        if (affected.Count > 0)
        {
            record["affected"] = new JsonArray(affected);
        }

        var references = new JsonArray();
        if (portalUrl is not null)
        {
            var page = new Uri(portalUrl, "/advisories/" + advisory.Id);
            references.Add(new JsonObject { ["type"] = "ADVISORY", ["url"] = page.AbsoluteUri });
            foreach (var patch in advisory.Patches.OrderBy(p => p.FileName, StringComparer.Ordinal))
            {
                references.Add(new JsonObject { ["type"] = "FIX", ["url"] = new Uri(portalUrl, $"/advisories/{advisory.Id}/patches/{Uri.EscapeDataString(patch.FileName)}").AbsoluteUri });
            }
        }

        foreach (var cve in content.Cves)
        {
            references.Add(new JsonObject { ["type"] = "ADVISORY", ["url"] = "https://www.cve.org/CVERecord?id=" + cve });
        }

        if (references.Count > 0)
        {
            record["references"] = references;
        }

        record["database_specific"] = new JsonObject
        {
            ["id"] = advisory.Id,
            ["state"] = advisory.State.ToString().ToLowerInvariant(),
            ["version"] = advisory.Revision,
            ["patches"] = new JsonArray(advisory.Patches.OrderBy(p => p.FileName, StringComparer.Ordinal)
                .Select(p => (JsonNode)new JsonObject { ["file"] = p.FileName, ["branch"] = p.Branch, ["sha256"] = p.Sha256 }).ToArray()),
        };
        return record.ToJsonString(Indented) + "\n";
    }

    /// <summary>The list of <paramref name="advisories"/> (already filtered for the viewer), newest first, as JSON.</summary>
    /// <remarks>
    /// Xen's shape, which tools importing <c>xsa.json</c> read: <c>[{"xsas":[{"xsa":500,"id":"XSA-500","title":…,
    /// "cve":[…],"cves":[…],"state":"public","version":2,"public_time":"2030-01-01T12:00:00Z"}]}]</c>; <c>cve</c> is
    /// Xen's key, <c>cves</c> the same list named as in Herald's other JSON; <c>public_time</c> is null until it is
    /// public, <c>embargo_until</c> is there while it is embargoed.
    /// </remarks>
    public static string SerializeList(IEnumerable<ManagedAdvisory> advisories)
    {
        ArgumentNullException.ThrowIfNull(advisories);
        var list = new JsonArray();
        foreach (var advisory in advisories.OrderByDescending(a => a.Number))
        {
            var entry = new JsonObject
            {
                ["xsa"] = advisory.Number,
                ["id"] = advisory.Id,
                ["title"] = advisory.Content.Title,
                ["cve"] = Array(advisory.Content.Cves),
                ["cves"] = Array(advisory.Content.Cves),
                ["state"] = advisory.State.ToString().ToLowerInvariant(),
                ["version"] = advisory.Revision,
                ["public_time"] = advisory.State == AdvisoryState.Public && (advisory.PublishedAt ?? advisory.EmbargoUntil) is { } at ? Time(at) : null,
            };
            if (advisory.State == AdvisoryState.Embargoed && advisory.EmbargoUntil is { } until)
            {
                entry["embargo_until"] = Time(until);
            }

            list.Add(entry);
        }

        return new JsonArray(new JsonObject { ["xsas"] = list }).ToJsonString(Indented) + "\n";
    }

    /// <summary>
    /// The releases of <paramref name="snapshot"/> an advisory affects: in each series it names, every release (no
    /// candidates) before the first one holding the fix (<paramref name="report"/>), or all of them without a fix.
    /// </summary>
    public static IReadOnlyList<string> AffectedVersions(IndexSnapshot snapshot, ManagedAdvisory advisory, AdvisoryReport? report)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(advisory);
        var versions = new List<string>();
        foreach (var series in advisory.Content.Affects)
        {
            var fixedIn = report?.Series.FirstOrDefault(s => s.Series == series)?.FixedIn;
            ReleaseVersion? fix = fixedIn is not null && ReleaseVersion.TryParse(fixedIn, out var f) ? f : null;
            foreach (var release in snapshot.ReleasesOf(series).Where(r => r.Candidate is null))
            {
                if (ReleaseVersion.TryParse(release.Version, out var version) && (fix is null || version.CompareTo(fix.Value) < 0))
                {
                    versions.Add(release.Version);
                }
            }
        }

        return versions.Distinct(StringComparer.Ordinal)
            .OrderBy(v => ReleaseVersion.TryParse(v, out var parsed) ? parsed : default)
            .ToList();
    }

    /// <summary>
    /// The repository address OSV's GIT ranges name: the repository of <c>[project] repository_url</c> (the part
    /// before its commit page: <c>https://github.com/o/r/commit/{sha}</c> gives <c>https://github.com/o/r</c>, gitweb's
    /// <c>…?p=xen.git;a=commit;h={sha}</c> gives <c>…?p=xen.git</c>), else the home page, else the portal; null without any.
    /// </summary>
    public static Uri? RepositoryAddress(Herald.Configuration.ProjectLinks links, Uri? portalUrl)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (links.Repository?.Text is { } template)
        {
            string[] markers = ["/-/commit/", "/commit/", "/commits/", ";a=commit", ";a=shortlog", "&a=commit", "/log/", "/tree/"];
            foreach (var marker in markers)
            {
                var at = template.IndexOf(marker, StringComparison.Ordinal);
                if (at > 0 && Uri.TryCreate(template[..at], UriKind.Absolute, out var repository))
                {
                    return repository;
                }
            }
        }

        return links.Homepage ?? portalUrl;
    }

    private static JsonArray Ranges(ManagedAdvisory advisory, AdvisoryReport? report, Uri? repositoryUrl)
    {
        var ranges = new JsonArray();
        if (repositoryUrl is null)
        {
            return ranges;
        }

        var repo = repositoryUrl.AbsoluteUri;
        if (report is not null)
        {
            if (report.Mainline is { Commits.Count: > 0 } mainline)
            {
                ranges.Add(Range(repo, mainline.Commits[^1], mainline.Branch, mainline.FirstRelease));
            }

            foreach (var series in report.Series.Where(s => s.Commits.Count > 0 && s.State is AdvisoryFixState.Fixed or AdvisoryFixState.Unreleased))
            {
                ranges.Add(Range(repo, series.Commits[^1], series.Branch ?? series.Series, series.FixedIn));
            }
        }

        if (ranges.Count == 0 && advisory.Content.Commits.Count > 0)
        {
            var events = new JsonArray(new JsonObject { ["introduced"] = "0" });
            foreach (var commit in advisory.Content.Commits)
            {
                events.Add(new JsonObject { ["fixed"] = commit });
            }

            ranges.Add(new JsonObject { ["type"] = "GIT", ["repo"] = repo, ["events"] = events });
        }

        return ranges;
    }

    private static JsonObject Range(string repo, string fixedCommit, string branch, string? fixedIn)
    {
        var specific = new JsonObject { ["branch"] = branch };
        if (fixedIn is not null)
        {
            specific["fixed_in"] = fixedIn;
        }

        return new JsonObject
        {
            ["type"] = "GIT",
            ["repo"] = repo,
            ["events"] = new JsonArray(new JsonObject { ["introduced"] = "0" }, new JsonObject { ["fixed"] = fixedCommit }),
            ["database_specific"] = specific,
        };
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
