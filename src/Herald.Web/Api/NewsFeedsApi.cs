using System.Globalization;
using System.Xml.Linq;
using Herald.Announcements;
using Herald.News;

namespace Herald.Web.Api;

/// <summary>
/// Atom feeds of the published posts: all of them, and per category; newest first, at most
/// <see cref="MaxEntries"/>. Ids and links come from <c>[downloads] base_url</c> (or, without one, a
/// tag: URI and relative links), never from the request, so a forged Host header cannot change them.
/// </summary>
public static class NewsFeedsApi
{
    /// <summary>The most entries a feed holds.</summary>
    public const int MaxEntries = 50;

    private static readonly XNamespace s_atom = "http://www.w3.org/2005/Atom";

    /// <summary>Maps <c>/feeds/news.atom</c> and <c>/feeds/category/{category}.atom</c>.</summary>
    public static IEndpointRouteBuilder MapNewsFeeds(this IEndpointRouteBuilder routes)
    {
        routes.MapRead(NewsPaths.Feed, (PortalState state) =>
            state.View is { Snapshot: { } s } view
                ? Atom(view, $"{s.ProjectName} news", NewsPaths.Feed, NewsPaths.Index, view.News.Posts, s.IndexedAt)
                : Results.StatusCode(503))
            .CacheOutput().ExcludeFromDescription();
        routes.MapRead("/feeds/category/{category}.atom", (PortalState state, string category) =>
        {
            var view = state.View;
            if (view.Snapshot is not { } s)
            {
                return Results.StatusCode(503);
            }

            return view.News.FindCategory(category) is not { } found
                ? Results.NotFound()
                : Atom(view, $"{s.ProjectName} news: {found.Name}", NewsPaths.CategoryFeed(found.Slug), NewsPaths.Category(found.Slug), view.News.InCategory(found.Slug), s.IndexedAt);
        }).CacheOutput().ExcludeFromDescription();
        return routes;
    }

    private static IResult Atom(PortalView view, string title, string self, string alternate, IReadOnlyList<Post> posts, DateTimeOffset indexedAt)
    {
        var entries = posts.Take(MaxEntries).ToList();
        var updated = entries.Count == 0 ? indexedAt : entries.Max(p => p.UpdatedAt);
        var feed = new XElement(
            s_atom + "feed",
            new XElement(s_atom + "id", Id(view, self)),
            new XElement(s_atom + "title", title),
            new XElement(s_atom + "updated", Api.Atom.Format(updated)),
            Link("self", view.PublicUrl(self), "application/atom+xml"),
            Link("alternate", view.PublicUrl(alternate), "text/html"),
            new XElement(s_atom + "author", new XElement(s_atom + "name", view.Snapshot!.ProjectName)),
            new XElement(s_atom + "generator", "Herald"),
            entries.Select(post => Entry(view, post)));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), feed);
        return Results.Text(document.Declaration + "\n" + document.Root, "application/atom+xml; charset=utf-8");
    }

    private static XElement Entry(PortalView view, Post post)
    {
        var path = NewsPaths.Post(post.Slug);
        return new XElement(
            s_atom + "entry",
            new XElement(s_atom + "id", Id(view, path)),
            new XElement(s_atom + "title", post.Title),
            new XElement(s_atom + "updated", Api.Atom.Format(post.UpdatedAt)),
            new XElement(s_atom + "published", Api.Atom.Format(post.Date)),
            Link("alternate", view.PublicUrl(path), "text/html"),
            new XElement(s_atom + "author", new XElement(s_atom + "name", post.Author)),
            post.Categories.Select(c => new XElement(s_atom + "category", new XAttribute("term", c.Slug), new XAttribute("label", c.Name))),
            new XElement(s_atom + "content", new XAttribute("type", "html"), MarkdownRenderer.ToHtml(post.Markdown)));
    }

    private static string Id(PortalView view, string path) => view.FeedId(path);

    private static XElement Link(string rel, string href, string type) =>
        new(s_atom + "link", new XAttribute("rel", rel), new XAttribute("type", type), new XAttribute("href", href));

}
