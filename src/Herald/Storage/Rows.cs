namespace Herald.Storage;

/// <summary>A commit in the index: what the portal's pages show without asking git.</summary>
public sealed class CommitRow
{
    /// <summary>The full commit id.</summary>
    public required string Sha { get; set; }

    /// <summary>Parent ids separated by spaces.</summary>
    public required string Parents { get; set; }

    /// <summary>The subject.</summary>
    public required string Subject { get; set; }

    /// <summary>The whole message.</summary>
    public required string Body { get; set; }

    /// <summary>The author's name after .mailmap.</summary>
    public required string AuthorName { get; set; }

    /// <summary>The author's address after .mailmap.</summary>
    public required string AuthorEmail { get; set; }

    /// <summary>The author date, seconds since the epoch.</summary>
    public long AuthorTime { get; set; }

    /// <summary>The author's UTC offset in minutes.</summary>
    public int AuthorOffset { get; set; }

    /// <summary>The committer date, seconds since the epoch (orders logs).</summary>
    public long CommitTime { get; set; }

    /// <summary>The mainline commit this one copies (trailer or patch-id), or null.</summary>
    public string? MasterCommit { get; set; }

    /// <summary>Advisories the message names, separated by commas, or null.</summary>
    public string? Advisories { get; set; }
}

/// <summary>A branch or tag and the commit it points to.</summary>
public sealed class RefRow
{
    /// <summary>The short name (<c>stable-4.19</c>, <c>RELEASE-4.19.0</c>).</summary>
    public required string Name { get; set; }

    /// <summary><c>branch</c> or <c>tag</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The commit (peeled for tags).</summary>
    public required string Sha { get; set; }
}

/// <summary>A release with its statistics.</summary>
public sealed class ReleaseRow
{
    /// <summary>The version as people write it (<c>4.19.0</c>, <c>4.19.0-rc2</c>).</summary>
    public required string Version { get; set; }

    /// <summary>The series.</summary>
    public required string Series { get; set; }

    /// <summary>Major number, for ordering.</summary>
    public int Major { get; set; }

    /// <summary>Minor number, for ordering.</summary>
    public int Minor { get; set; }

    /// <summary>Patch number, for ordering.</summary>
    public int Patch { get; set; }

    /// <summary>The candidate number, or null for a release.</summary>
    public int? Candidate { get; set; }

    /// <summary>The tag.</summary>
    public required string Tag { get; set; }

    /// <summary>The commit the tag points to.</summary>
    public required string Commit { get; set; }

    /// <summary>The release date (UTC).</summary>
    public DateOnly Date { get; set; }

    /// <summary>The release's time to the second (the tag's date: the tagger's for an annotated tag), in Unix seconds.</summary>
    public long Time { get; set; }

    /// <summary>Whether the tag is signed.</summary>
    public bool Signed { get; set; }

    /// <summary>The stable branch of the series, or null.</summary>
    public string? Branch { get; set; }

    /// <summary>The release the range starts after, or null.</summary>
    public string? Previous { get; set; }

    /// <summary>The statistics (<see cref="Stats.ContributionStats"/> as JSON), or null for candidates.</summary>
    public string? StatsJson { get; set; }

    /// <summary>The release's notes: its section of <c>CHANGELOG.md</c> as the tagged tree has it (Markdown), or null.</summary>
    public string? Notes { get; set; }
}

/// <summary>One commit of a release's range, in log order.</summary>
public sealed class ReleaseChangeRow
{
    /// <summary>The release's version.</summary>
    public required string Version { get; set; }

    /// <summary>The commit.</summary>
    public required string Sha { get; set; }

    /// <summary>The position in the release's log (0 = newest).</summary>
    public int Ordinal { get; set; }
}

/// <summary>A series with its support window and what waits on its branch, as of the index run.</summary>
public sealed class SeriesRow
{
    /// <summary>The series.</summary>
    public required string Series { get; set; }

    /// <summary>Major number, for ordering.</summary>
    public int Major { get; set; }

    /// <summary>Minor number, for ordering.</summary>
    public int Minor { get; set; }

    /// <summary>The stable branch, or null.</summary>
    public string? Branch { get; set; }

    /// <summary>The X.Y.0 date, or null.</summary>
    public DateOnly? Released { get; set; }

    /// <summary>Last day of general support, or null.</summary>
    public DateOnly? SupportedUntil { get; set; }

    /// <summary>Last day of security support, or null.</summary>
    public DateOnly? SecurityUntil { get; set; }

    /// <summary>config, statement or policy.</summary>
    public required string Source { get; set; }

    /// <summary>Non-merge commits on the branch after its latest release, when indexed.</summary>
    public int UnreleasedCommits { get; set; }

    /// <summary>The backport report (<see cref="Backports.BackportReport"/> as JSON) when the series was supported, or null.</summary>
    public string? BackportsJson { get; set; }
}

/// <summary>A fact about the index itself (the refs it was built from, when).</summary>
public sealed class IndexStateRow
{
    /// <summary>The key.</summary>
    public required string Key { get; set; }

    /// <summary>The value.</summary>
    public required string Value { get; set; }
}
