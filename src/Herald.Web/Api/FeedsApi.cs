using System.Globalization;
using System.Text;
using System.Xml;
using Herald.Storage;

namespace Herald.Web.Api;

/// <summary>Atom feeds of releases: all of them, and per series. Not capped: every release is an entry.</summary>
public static class FeedsApi
{
    private const string AtomNamespace = Api.Atom.Namespace;

    /// <summary>Maps <c>/feeds/releases.atom</c> and <c>/feeds/series/{series}.atom</c>.</summary>
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder routes)
    {
        routes.MapRead("/feeds/releases.atom", (PortalState state) =>
            state.View is { Snapshot: { } s } view ? Atom(view, s, $"{s.ProjectName} releases", "/feeds/releases.atom", s.Releases.Where(r => r.Candidate is null)) : Results.StatusCode(503))
            .CacheOutput().ExcludeFromDescription();
        routes.MapRead("/feeds/series/{series}.atom", (PortalState state, string series) =>
        {
            var view = state.View;
            if (view.Snapshot is not { } s)
            {
                return Results.StatusCode(503);
            }

            return s.SeriesOf(series) is null
                ? Results.NotFound()
                : Atom(view, s, $"{s.ProjectName} {series} releases", $"/feeds/series/{series}.atom", s.ReleasesOf(series));
        }).CacheOutput().ExcludeFromDescription();
        return routes;
    }

    private static IResult Atom(PortalView view, IndexSnapshot snapshot, string title, string self, IEnumerable<ReleaseRow> releases)
    {
        // Ids and links come from the configuration, never from the request (its Host header is whatever the client
        // sent): absolute under the public address when one is set; else links relative to the feed's own address
        // and tag: ids, which stay the same wherever the feed is read from.
        var origin = view.PublicOrigin;
        string Link(string path) => (origin ?? string.Empty) + path;
        string Id(string path) => view.FeedId(path);
        var list = releases.OrderByDescending(r => r.Time).ThenByDescending(r => r.Date).ToList();
        var updated = list.Count == 0 ? snapshot.IndexedAt : list.Max(Instant);
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("feed", AtomNamespace);
            writer.WriteElementString("id", AtomNamespace, Id(self));
            writer.WriteElementString("title", AtomNamespace, title);
            writer.WriteElementString("updated", AtomNamespace, Api.Atom.Format(updated));
            Api.Atom.WriteLink(writer, "self", Link(self), "application/atom+xml");
            Api.Atom.WriteLink(writer, "alternate", Link("/releases"), "text/html");
            writer.WriteStartElement("author", AtomNamespace);
            writer.WriteElementString("name", AtomNamespace, snapshot.ProjectName);
            writer.WriteEndElement();
            writer.WriteElementString("generator", AtomNamespace, "Herald");
            foreach (var release in list)
            {
                var stats = IndexSnapshot.StatsOf(release);
                writer.WriteStartElement("entry", AtomNamespace);
                writer.WriteElementString("id", AtomNamespace, Id("/releases/" + Uri.EscapeDataString(release.Version)));
                writer.WriteElementString("title", AtomNamespace, $"{snapshot.ProjectName} {release.Version}");
                writer.WriteElementString("updated", AtomNamespace, Api.Atom.Format(Instant(release)));
                writer.WriteElementString("published", AtomNamespace, Api.Atom.Format(Instant(release)));
                Api.Atom.WriteLink(writer, "alternate", Link("/releases/" + Uri.EscapeDataString(release.Version)), "text/html");
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


    // The tag's own time (an index from before it was kept holds 0: then noon of the release's date).
    private static DateTimeOffset Instant(ReleaseRow release) =>
        release.Time != 0 ? DateTimeOffset.FromUnixTimeSeconds(release.Time) : new(release.Date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

}
