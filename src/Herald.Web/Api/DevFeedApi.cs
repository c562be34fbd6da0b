using System.Globalization;
using System.Xml.Linq;
using Herald.Publishing;

namespace Herald.Web.Api;

/// <summary>
/// The Atom feed of development builds, <c>/feeds/dev.atom</c>: newest first over every branch, at most
/// <see cref="MaxEntries"/>. Ids and links come from <c>[downloads] base_url</c> (or, without one, a tag:
/// URI and relative links), never from the request. Releases are never in it.
/// </summary>
public static class DevFeedApi
{
    /// <summary>The page listing the builds.</summary>
    public const string Page = "/downloads/dev";

    /// <summary>The feed's path.</summary>
    public const string Feed = "/feeds/dev.atom";

    /// <summary>The most entries the feed holds.</summary>
    public const int MaxEntries = 50;

    private static readonly XNamespace s_atom = "http://www.w3.org/2005/Atom";

    /// <summary>Maps <c>/feeds/dev.atom</c>.</summary>
    public static IEndpointRouteBuilder MapDevFeed(this IEndpointRouteBuilder routes)
    {
        routes.MapRead(Feed, async (PortalState state, CancellationToken cancellationToken) =>
        {
            var view = state.View;
            if (view.Snapshot is not { } snapshot)
            {
                return Results.StatusCode(503);
            }

            var builds = view.Store is { } store ? await DevPublisher.ReadAsync(store, view.Slug, cancellationToken) : [];
            var entries = builds.OrderByDescending(b => b.PublishedAt).ThenBy(b => b.Branch, StringComparer.Ordinal).Take(MaxEntries).ToList();
            var feed = new XElement(
                s_atom + "feed",
                new XElement(s_atom + "id", Id(view, Feed)),
                new XElement(s_atom + "title", $"{snapshot.ProjectName} development builds"),
                new XElement(s_atom + "updated", Atom.Format(entries.Count == 0 ? snapshot.IndexedAt : entries[0].PublishedAt)),
                Link("self", view.PublicUrl(Feed), "application/atom+xml"),
                Link("alternate", view.PublicUrl(Page), "text/html"),
                new XElement(s_atom + "author", new XElement(s_atom + "name", snapshot.ProjectName)),
                new XElement(s_atom + "generator", "Herald"),
                entries.Select(build => new XElement(
                    s_atom + "entry",
                    new XElement(s_atom + "id", Id(view, "/downloads/" + build.Folder(view.Slug) + "/")),
                    new XElement(s_atom + "title", $"{build.Branch} {build.Name}"),
                    new XElement(s_atom + "updated", Atom.Format(build.PublishedAt)),
                    Link("alternate", view.PublicUrl(Page + "#" + Anchor(build)), "text/html"),
                    new XElement(s_atom + "summary", $"Development build of {build.Branch} at {build.Commit}: " + string.Join(", ", build.Files.Select(f => $"{f.Name} (SHA-256 {f.Sha256})"))),
                    build.Files.Select(f => Link("enclosure", view.PublicUrl("/downloads/" + f.Path), "application/octet-stream")))));
            var document = new XDocument(new XDeclaration("1.0", "utf-8", null), feed);
            return Results.Text(document.Declaration + "\n" + document.Root, "application/atom+xml; charset=utf-8");
        }).CacheOutput().ExcludeFromDescription();
        return routes;
    }

    /// <summary>The fragment id of a build on the page.</summary>
    public static string Anchor(DevBuild build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return "build-" + build.Branch + "-" + build.Name;
    }

    private static string Id(PortalView view, string path) => view.FeedId(path);

    private static XElement Link(string rel, string href, string type) =>
        new(s_atom + "link", new XAttribute("rel", rel), new XAttribute("href", href), new XAttribute("type", type));

}
