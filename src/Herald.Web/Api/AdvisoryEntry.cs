using System.Text.Json.Serialization;
using Herald.Advisories;
using Herald.Web.Security;

namespace Herald.Web.Api;

/// <summary>
/// An advisory in <c>/api/advisories</c>: where its fix landed (as <see cref="AdvisoryReport"/>, empty when no commit
/// names it), and what the security team wrote when it manages it.
/// </summary>
/// <param name="Id">The advisory id.</param>
/// <param name="Cves">The CVE ids (the managed advisory's, else those the commits name).</param>
/// <param name="FirstNamed">The commit date (UTC) of the first commit naming it, or null when none does.</param>
/// <param name="Mainline">The fix on the mainline branch, or null.</param>
/// <param name="Series">Every series of the index, newest first (empty when no commit names it).</param>
public sealed record AdvisoryEntry(string Id, IReadOnlyList<string> Cves, DateOnly? FirstNamed, AdvisoryMainline? Mainline, IReadOnlyList<AdvisorySeries> Series)
{
    /// <summary>What the security team wrote, when it manages the advisory (absent otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ManagedDocument? Managed { get; init; }

    /// <summary>The entry of <paramref name="report"/> and <paramref name="managed"/> (at least one given) for <paramref name="access"/>.</summary>
    public static AdvisoryEntry Of(AdvisoryReport? report, ManagedAdvisory? managed, AdvisoryAccess access, PortalView view)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(view);
        var id = managed?.Id ?? report?.Id ?? throw new ArgumentException("give a report or a managed advisory", nameof(report));
        return new AdvisoryEntry(id, managed?.Content.Cves ?? report!.Cves, report?.FirstNamed, report?.Mainline, report?.Series ?? [])
        {
            Managed = managed is null ? null : ManagedDocument.Of(managed, access, view),
        };
    }
}

/// <summary>What the security team wrote about an advisory, as the viewer may see it.</summary>
/// <param name="State"><c>draft</c>, <c>embargoed</c> or <c>public</c> (public once its embargo is over).</param>
/// <param name="Title">The title.</param>
/// <param name="Cves">The CVE ids.</param>
/// <param name="Affects">The affected series.</param>
/// <param name="Versions">The affected versions named one by one.</param>
/// <param name="EmbargoUntil">The end of the embargo (UTC), only to pre-disclosure members and the security team; else null.</param>
/// <param name="PublishedAt">When it was made public (UTC), or null.</param>
/// <param name="Revision">The current version.</param>
/// <param name="Revisions">Every version, oldest first, with what it changed.</param>
/// <param name="Sections">The current version's text by section (Markdown).</param>
/// <param name="Patches">The patch files.</param>
/// <param name="Text">The address of the plain (signed) text.</param>
/// <param name="Osv">The address of the OSV record.</param>
public sealed record ManagedDocument(
    string State,
    string Title,
    IReadOnlyList<string> Cves,
    IReadOnlyList<string> Affects,
    IReadOnlyList<string> Versions,
    DateTimeOffset? EmbargoUntil,
    DateTimeOffset? PublishedAt,
    int Revision,
    IReadOnlyList<RevisionDocument> Revisions,
    AdvisorySections Sections,
    IReadOnlyList<PatchDocument> Patches,
    string Text,
    string Osv)
{
    /// <summary>The document of <paramref name="advisory"/> for <paramref name="access"/>.</summary>
    public static ManagedDocument Of(ManagedAdvisory advisory, AdvisoryAccess access, PortalView view)
    {
        ArgumentNullException.ThrowIfNull(advisory);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(view);
        var path = "/advisories/" + Uri.EscapeDataString(advisory.Id);
        return new ManagedDocument(
            advisory.IsPublicAt(access.Now) ? "public" : advisory.State.ToString().ToLowerInvariant(),
            advisory.Content.Title,
            advisory.Content.Cves,
            advisory.Content.Affects,
            advisory.Content.Versions,
            access.IsPrivileged ? advisory.EmbargoUntil : null,
            advisory.PublishedAt,
            advisory.Revision,
            [.. advisory.Revisions.Select(r => new RevisionDocument(r.Revision, r.CreatedAt, r.Updates))],
            advisory.Sections(),
            [.. advisory.Patches.Select(p => new PatchDocument(p.FileName, p.Branch, p.Revision, p.Sha256, p.Size, view.PublicUrl(Pages.Advisories.AdvisoryModel.PatchPath(advisory.Id, p.FileName))))],
            view.PublicUrl(path + ".txt"),
            view.PublicUrl(path + ".osv.json"));
    }
}

/// <summary>One version of a managed advisory.</summary>
/// <param name="Revision">The version (1, 2 …).</param>
/// <param name="CreatedAt">When it was made (UTC).</param>
/// <param name="Updates">What changed in it ("updates in this version"); empty for the first.</param>
public sealed record RevisionDocument(int Revision, DateTimeOffset CreatedAt, string Updates);

/// <summary>A patch file of a managed advisory.</summary>
/// <param name="FileName">The file name.</param>
/// <param name="Branch">The branch it applies to.</param>
/// <param name="Revision">The version it came with.</param>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Url">Where to download it.</param>
public sealed record PatchDocument(string FileName, string Branch, int Revision, string Sha256, long Size, string Url);
