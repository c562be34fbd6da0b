using System.Globalization;
using System.Text;
using System.Xml;
using Herald.Storage;

namespace Herald.Web.Api;

/// <summary>Atom feeds of releases: all of them, and per series. Not capped: every release is an entry.</summary>
public static class FeedsApi
{
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    /// <summary>Maps <c>/feeds/releases.atom</c> and <c>/feeds/series/{series}.atom</c>.</summary>
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder routes)
    {
        routes.MapRead("/feeds/releases.atom", (HttpContext http, PortalState state) =>
            state.View is { Snapshot: { } s } view ? Atom(http, view, s, $"{s.ProjectName} releases", "/feeds/releases.atom", s.Releases.Where(r => r.Candidate is null)) : Results.StatusCode(503))
            .CacheOutput().ExcludeFromDescription();
        routes.MapRead("/feeds/series/{series}.atom", (HttpContext http, PortalState state, string series) =>
        {
            var view = state.View;
            if (view.Snapshot is not { } s)
            {
                return Results.StatusCode(503);
            }

            return s.SeriesOf(series) is null
                ? Results.NotFound()
                : Atom(http, view, s, $"{s.ProjectName} {series} releases", $"/feeds/series/{series}.atom", s.ReleasesOf(series));
        }).CacheOutput().ExcludeFromDescription();
        return routes;
    }

    private static IResult Atom(HttpContext http, PortalView view, IndexSnapshot snapshot, string title, string self, IEnumerable<ReleaseRow> releases)
    {
        // Feed readers need absolute links: under [downloads] base_url when it is set, else this request's origin.
        var origin = view.PublicUrl(string.Empty) is { Length: > 0 } configured ? configured : $"{http.Request.Scheme}://{http.Request.Host}";
        var list = releases.ToList();
        var updated = list.Count == 0 ? snapshot.IndexedAt : list.Max(r => Instant(r.Date));
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("feed", AtomNamespace);
            writer.WriteElementString("id", AtomNamespace, origin + self);
            writer.WriteElementString("title", AtomNamespace, title);
            writer.WriteElementString("updated", AtomNamespace, Format(updated));
            Link(writer, "self", origin + self, "application/atom+xml");
            Link(writer, "alternate", origin + "/releases", "text/html");
            writer.WriteStartElement("author", AtomNamespace);
            writer.WriteElementString("name", AtomNamespace, snapshot.ProjectName);
            writer.WriteEndElement();
            writer.WriteElementString("generator", AtomNamespace, "Herald");
            foreach (var release in list)
            {
                var stats = IndexSnapshot.StatsOf(release);
                writer.WriteStartElement("entry", AtomNamespace);
                writer.WriteElementString("id", AtomNamespace, origin + "/releases/" + Uri.EscapeDataString(release.Version));
                writer.WriteElementString("title", AtomNamespace, $"{snapshot.ProjectName} {release.Version}");
                writer.WriteElementString("updated", AtomNamespace, Format(Instant(release.Date)));
                writer.WriteElementString("published", AtomNamespace, Format(Instant(release.Date)));
                Link(writer, "alternate", origin + "/releases/" + Uri.EscapeDataString(release.Version), "text/html");
                writer.WriteStartElement("category", AtomNamespace);
                writer.WriteAttributeString("term", release.Series);
                writer.WriteEndElement();
                var summary = stats is null
                    ? $"{snapshot.ProjectName} {release.Version} was tagged {release.Tag}."
                    : $"{snapshot.ProjectName} {release.Version} ({release.Tag}): {stats.Changesets} changesets from {stats.Developers} developers and {stats.Employers} employers.";
                writer.WriteStartElement("summary", AtomNamespace);
                writer.WriteAttributeString("type", "text");
                writer.WriteString(summary);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return Results.Text(text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), "application/atom+xml; charset=utf-8");
    }

    private static void Link(XmlWriter writer, string rel, string href, string type)
    {
        writer.WriteStartElement("link", AtomNamespace);
        writer.WriteAttributeString("rel", rel);
        writer.WriteAttributeString("type", type);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }

    private static DateTimeOffset Instant(DateOnly date) => new(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    private static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
