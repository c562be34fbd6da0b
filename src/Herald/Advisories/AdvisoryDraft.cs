namespace Herald.Advisories;

/// <summary>A new advisory (<c>herald advisory create</c>).</summary>
public sealed record AdvisoryDraft
{
    /// <summary>The title.</summary>
    public required string Title { get; init; }

    /// <summary>CVE ids (<c>CVE-2026-12345</c>).</summary>
    public IReadOnlyList<string> Cves { get; init; } = [];

    /// <summary>Affected series (<c>4.18</c>).</summary>
    public IReadOnlyList<string> Affects { get; init; } = [];

    /// <summary>Affected versions named one by one.</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];

    /// <summary>Full ids of the commits that fix it.</summary>
    public IReadOnlyList<string> Commits { get; init; } = [];

    /// <summary>The text.</summary>
    public AdvisorySections Sections { get; init; } = new();

    /// <summary>The end of the embargo: with one, the advisory is pre-disclosed (embargoed) at once; without, a draft.</summary>
    public DateTimeOffset? EmbargoUntil { get; init; }

    /// <summary>Patch files: branch, file name, bytes.</summary>
    public IReadOnlyList<PatchUpload> Patches { get; init; } = [];

    /// <summary>Releases (versions) held until it is public.</summary>
    public IReadOnlyList<string> HoldReleases { get; init; } = [];

    /// <summary>Posts (slugs) held until it is public.</summary>
    public IReadOnlyList<string> HoldPosts { get; init; } = [];

    /// <summary>The number to use instead of the next free one.</summary>
    public int? Number { get; init; }
}

/// <summary>A change making a new version (<c>herald advisory update</c>): what is not null replaces what was.</summary>
public sealed record AdvisoryChange
{
    /// <summary>What changed, for the version's "updates in this version".</summary>
    public required string Updates { get; init; }

    /// <summary>A new title.</summary>
    public string? Title { get; init; }

    /// <summary>New CVE ids (replacing).</summary>
    public IReadOnlyList<string>? Cves { get; init; }

    /// <summary>New affected series (replacing).</summary>
    public IReadOnlyList<string>? Affects { get; init; }

    /// <summary>New affected versions (replacing).</summary>
    public IReadOnlyList<string>? Versions { get; init; }

    /// <summary>New fix commits (replacing).</summary>
    public IReadOnlyList<string>? Commits { get; init; }

    /// <summary>A new text (replacing).</summary>
    public AdvisorySections? Sections { get; init; }

    /// <summary>A new embargo end; on a draft it pre-discloses the advisory.</summary>
    public DateTimeOffset? EmbargoUntil { get; init; }

    /// <summary>Patch files added (a name given again replaces its file).</summary>
    public IReadOnlyList<PatchUpload> Patches { get; init; } = [];

    /// <summary>Releases to hold too.</summary>
    public IReadOnlyList<string> HoldReleases { get; init; } = [];

    /// <summary>Posts to hold too.</summary>
    public IReadOnlyList<string> HoldPosts { get; init; } = [];
}

/// <summary>A patch file given for an advisory.</summary>
/// <param name="Branch">The branch it applies to.</param>
/// <param name="FileName">Its name.</param>
/// <param name="Content">Its bytes.</param>
public sealed record PatchUpload(string Branch, string FileName, byte[] Content);
