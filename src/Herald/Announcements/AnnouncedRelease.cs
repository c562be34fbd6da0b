namespace Herald.Announcements;

/// <summary>One release in an announcement's model (Liquid: <c>releases[i]</c>, <c>release</c>).</summary>
public sealed record AnnouncedRelease
{
    /// <summary>The version, e.g. <c>4.6.6</c> (Liquid <c>version</c>).</summary>
    public required string Version { get; init; }

    /// <summary>The series, e.g. <c>4.6</c> (Liquid <c>series</c>).</summary>
    public required string Series { get; init; }

    /// <summary>The tag, e.g. <c>RELEASE-4.6.6</c> (Liquid <c>tag</c>).</summary>
    public required string Tag { get; init; }

    /// <summary>The series' stable branch, e.g. <c>stable-4.6</c>, or null (Liquid <c>branch</c>).</summary>
    public string? Branch { get; init; }

    /// <summary>The release date (the tag's), <c>yyyy-mm-dd</c> (Liquid <c>date</c>).</summary>
    public required string Date { get; init; }

    /// <summary>The stable branch's shortlog (the tag's when there is no branch) (Liquid <c>shortlog_url</c>).</summary>
    public required string ShortlogUrl { get; init; }

    /// <summary>The history at the tag (Liquid <c>tag_url</c>).</summary>
    public required string TagUrl { get; init; }

    /// <summary>The release's page: its changes and downloads (Liquid <c>release_url</c>).</summary>
    public required string ReleaseUrl { get; init; }

    /// <summary>The series' status on the release date: supported, security or eol (Liquid <c>status</c>).</summary>
    public required string Status { get; init; }

    /// <summary>Whether the series was supported (general or security) on the release date and this is not its last release (Liquid <c>supported</c>).</summary>
    public bool Supported { get; init; }

    /// <summary>Whether the series was at or past the end of its support on the release date: its last release (Liquid <c>last_release</c>).</summary>
    public bool LastRelease { get; init; }

    /// <summary>The last day of the series' security support, <c>yyyy-mm-dd</c>, or null when unknown (Liquid <c>support_ends</c>).</summary>
    public string? SupportEnds { get; init; }
}
