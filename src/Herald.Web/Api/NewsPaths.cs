namespace Herald.Web.Api;

/// <summary>The portal's addresses of news: pages, feeds and API, in one place.</summary>
public static class NewsPaths
{
    /// <summary>The list of posts.</summary>
    public const string Index = "/news";

    /// <summary>The feed of every published post.</summary>
    public const string Feed = "/feeds/news.atom";

    /// <summary>The page of post <paramref name="slug"/>.</summary>
    public static string Post(string slug) => Index + "/" + Uri.EscapeDataString(slug);

    /// <summary>The archive of category <paramref name="slug"/>.</summary>
    public static string Category(string slug) => Index + "/category/" + Uri.EscapeDataString(slug);

    /// <summary>The feed of category <paramref name="slug"/>.</summary>
    public static string CategoryFeed(string slug) => "/feeds/category/" + Uri.EscapeDataString(slug) + ".atom";
}
