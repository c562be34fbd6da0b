namespace Herald.Announcements;

/// <summary>
/// A major release's figures in an announcement's model (Liquid: <c>stats</c>), exactly those of
/// <c>herald stats VERSION --json</c>: this release's range, and the comparable release's (the previous
/// X.Y.0 cycle) for growth.
/// </summary>
public sealed record AnnouncementStats
{
    /// <summary>The range counted, e.g. <c>RELEASE-4.8.0..RELEASE-4.9.0</c> (Liquid <c>range</c>).</summary>
    public required string Range { get; init; }

    /// <summary>Non-merge commits (Liquid <c>changesets</c>).</summary>
    public int Changesets { get; init; }

    /// <summary>Distinct developers (Liquid <c>developers</c>).</summary>
    public int Developers { get; init; }

    /// <summary>Distinct employers (Liquid <c>employers</c>).</summary>
    public int Employers { get; init; }

    /// <summary>Reviewed-by and Acked-by trailers (Liquid <c>reviews</c>).</summary>
    public int Reviews { get; init; }

    /// <summary>Tested-by trailers (Liquid <c>tests</c>).</summary>
    public int Tests { get; init; }

    /// <summary>Reported-by trailers (Liquid <c>reports</c>).</summary>
    public int Reports { get; init; }

    /// <summary>Lines added (Liquid <c>lines_added</c>).</summary>
    public long LinesAdded { get; init; }

    /// <summary>Lines removed (Liquid <c>lines_removed</c>).</summary>
    public long LinesRemoved { get; init; }

    /// <summary>The release compared with, e.g. <c>4.8.0</c>, or null (Liquid <c>previous_version</c>).</summary>
    public string? PreviousVersion { get; init; }

    /// <summary>Its series, e.g. <c>4.8</c>, or null (Liquid <c>previous_series</c>).</summary>
    public string? PreviousSeries { get; init; }

    /// <summary>Its changesets, or null (Liquid <c>previous_changesets</c>).</summary>
    public int? PreviousChangesets { get; init; }

    /// <summary>Its developers, or null (Liquid <c>previous_developers</c>).</summary>
    public int? PreviousDevelopers { get; init; }

    /// <summary>Its employers, or null (Liquid <c>previous_employers</c>).</summary>
    public int? PreviousEmployers { get; init; }

    /// <summary>Its reviews, or null (Liquid <c>previous_reviews</c>).</summary>
    public int? PreviousReviews { get; init; }

    /// <summary>Growth of changesets in percent, one decimal, e.g. <c>36.2</c> or <c>-4.5</c>; null without a comparison (Liquid <c>changesets_growth</c>).</summary>
    public string? ChangesetsGrowth { get; init; }

    /// <summary>Growth of developers in percent, as <see cref="ChangesetsGrowth"/> (Liquid <c>developers_growth</c>).</summary>
    public string? DevelopersGrowth { get; init; }

    /// <summary>Growth of employers in percent, as <see cref="ChangesetsGrowth"/> (Liquid <c>employers_growth</c>).</summary>
    public string? EmployersGrowth { get; init; }

    /// <summary>The change of changesets in words: <c>36.2% more</c>, <c>4.5% fewer</c> or <c>as many</c>; null without a comparison (Liquid <c>changesets_growth_text</c>).</summary>
    public string? ChangesetsGrowthText { get; init; }

    /// <summary>The release's acknowledgements page (Liquid <c>acknowledgements_url</c>).</summary>
    public required string AcknowledgementsUrl { get; init; }
}
