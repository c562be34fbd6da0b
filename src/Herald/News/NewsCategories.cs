namespace Herald.News;

/// <summary>The categories every portal has.</summary>
public static class NewsCategories
{
    /// <summary>The slug of the category of release announcements.</summary>
    public const string ReleasesSlug = "releases";

    /// <summary>Its name.</summary>
    public const string ReleasesName = "Releases";

    /// <summary>Its description, the heading of its archive.</summary>
    public const string ReleasesDescription = "Information about a new release of software";
}
