namespace Herald.Announcements;

/// <summary>
/// What an announcement template sees: the contract of <c>templates/announce-point.liquid</c> and
/// <c>templates/announce-major.liquid</c> (docs/announcements.md). Members are read in snake_case
/// (<see cref="VersionsText"/> is <c>versions_text</c>); dates are <c>yyyy-mm-dd</c> text; links are
/// absolute on <c>[project] url</c> when set, else root-relative.
/// </summary>
public sealed record AnnouncementModel
{
    /// <summary>The project's name (Liquid <c>project</c>).</summary>
    public required string Project { get; init; }

    /// <summary><c>point</c> (maintenance releases) or <c>major</c> (an X.Y.0) (Liquid <c>kind</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>The post's title (Liquid <c>title</c>).</summary>
    public required string Title { get; init; }

    /// <summary>The versions joined for a sentence: <c>4.6.6 and 4.7.3</c> (Liquid <c>versions_text</c>).</summary>
    public required string VersionsText { get; init; }

    /// <summary>The newest release date among the versions (Liquid <c>date</c>).</summary>
    public required string Date { get; init; }

    /// <summary>The day the draft is made, from the injected clock (Liquid <c>today</c>).</summary>
    public required string Today { get; init; }

    /// <summary>The maintenance policy's page (<c>[announce] policy_url</c>), or null (Liquid <c>policy_url</c>).</summary>
    public string? PolicyUrl { get; init; }

    /// <summary>The releases announced, oldest version first (Liquid <c>releases</c>).</summary>
    public required IReadOnlyList<AnnouncedRelease> Releases { get; init; }

    /// <summary>The series whose users should update (supported on the release date), joined: <c>4.6 and 4.7</c>; null when none (Liquid <c>update_series_text</c>).</summary>
    public string? UpdateSeriesText { get; init; }

    /// <summary>The releases that end their series (Liquid <c>last_releases</c>).</summary>
    public IReadOnlyList<AnnouncedRelease> LastReleases { get; init; } = [];

    /// <summary>A major announcement's release (the one of <see cref="Releases"/>), or null (Liquid <c>release</c>).</summary>
    public AnnouncedRelease? Release { get; init; }

    /// <summary>The introduction (<c>[announce] intro</c>), or null for the template's own (Liquid <c>intro</c>).</summary>
    public string? Intro { get; init; }

    /// <summary>The text of <c>notes/VERSION.md</c> before its first <c>##</c> heading, or null (Liquid <c>notes_intro</c>).</summary>
    public string? NotesIntro { get; init; }

    /// <summary>Who managed the release, or null (Liquid <c>release_manager</c>).</summary>
    public string? ReleaseManager { get; init; }

    /// <summary>Who manages the next release, or null (Liquid <c>next_release_manager</c>).</summary>
    public string? NextReleaseManager { get; init; }

    /// <summary>
    /// The release notes by section, non-empty ones only: the configured sections in order, then others
    /// (Removed, Security, …) as they come (Liquid <c>sections</c>, each with <c>title</c> and <c>body</c>).
    /// </summary>
    public IReadOnlyList<MarkdownSection> Sections { get; init; } = [];

    /// <summary>A major release's figures, or null (Liquid <c>stats</c>).</summary>
    public AnnouncementStats? Stats { get; init; }

    /// <summary>The published archives and files, without the sums files; empty when nothing is published (Liquid <c>downloads</c>).</summary>
    public IReadOnlyList<AnnouncedFile> Downloads { get; init; } = [];

    /// <summary>The published <c>SHA256SUMS</c>, or null (Liquid <c>checksums_url</c>).</summary>
    public string? ChecksumsUrl { get; init; }
}
