using System.Globalization;
using System.Text;
using System.Xml;
using Herald.Advisories;
using Herald.Web.Security;
using Microsoft.Net.Http.Headers;

namespace Herald.Web.Api;

/// <summary>
/// The files of managed advisories: the text (<c>.txt</c>), the patches, the OSV record and list, the Atom feed. Each
/// asks <see cref="AdvisoryAccess"/> first: an advisory hidden from the viewer answers exactly as one that does not exist.
/// </summary>
internal static partial class ManagedAdvisoryFiles
{
    private const string AtomNamespace = Atom.Namespace;

    /// <summary>Maps the routes.</summary>
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapRead("/advisories/{id}.txt", Text).ExcludeFromDescription();
        routes.MapRead("/advisories/{id}/patches/{file}", PatchAsync).ExcludeFromDescription();
        routes.MapRead("/advisories/{id}.osv.json", Osv).ExcludeFromDescription();
        routes.MapRead("/advisories.json", List).ExcludeFromDescription();
        routes.MapRead("/feeds/advisories.atom", Feed).ExcludeFromDescription();
    }

    private static IResult Text(HttpContext context, PortalState state, string id)
    {
        var view = state.View;
        if (view.Snapshot is not { } snapshot)
        {
            return Results.StatusCode(503);
        }

        if (AdvisoryAccess.For(context, view).Managed(id) is not { } advisory)
        {
            return NoSuchAdvisory();
        }

        return Results.Text(advisory.Text ?? AdvisoryText.Render(advisory, snapshot.ProjectName), "text/plain; charset=utf-8");
    }

    private static async Task<IResult> PatchAsync(HttpContext context, PortalState state, TimeProvider clock, string id, string file)
    {
        var view = state.View;
        if (view.Snapshot is null || view.Database is not { } database)
        {
            return Results.StatusCode(503);
        }

        if (AdvisoryAccess.For(context, view).Managed(id) is not { } advisory
            || advisory.Patches.FirstOrDefault(p => string.Equals(p.FileName, file, StringComparison.Ordinal)) is not { } patch
            || await new AdvisoryStore(database, clock).PatchAsync(advisory.Number, patch.FileName, context.RequestAborted) is not { } bytes)
        {
            return NoSuchAdvisory();
        }

        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(patch.FileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(bytes, "text/x-diff");
    }

    private static IResult Osv(HttpContext context, PortalState state, string id)
    {
        var view = state.View;
        if (view.Snapshot is not { } snapshot)
        {
            return Results.StatusCode(503);
        }

        var access = AdvisoryAccess.For(context, view);
        if (access.Managed(id) is not { } advisory)
        {
            return NoSuchAdvisory();
        }

        // The same record as 'herald advisory show --osv' makes from the same inputs.
        var report = access.Report(advisory.Id) ?? snapshot.Advisories.Report(advisory.Id);
        var repository = view.Links is { } links ? OsvExport.RepositoryAddress(links, view.PortalUrl) : null;
        return Results.Text(OsvExport.Serialize(advisory, report, repository, OsvExport.AffectedVersions(snapshot, advisory, report), view.PortalUrl), "application/json; charset=utf-8");
    }

    private static IResult List(HttpContext context, PortalState state)
    {
        var view = state.View;
        if (view.Snapshot is null)
        {
            return Results.StatusCode(503);
        }

        var visible = AdvisoryAccess.For(context, view).Managed();
        return Results.Text(OsvExport.SerializeList(visible), "application/json; charset=utf-8");
    }

    // The same bytes for every id, hidden or never used: a body of its own, so the site's not-found page (which names
    // the path asked for) is not put in its place.
    private static IResult NoSuchAdvisory() =>
        Results.Text("No such advisory is known here.\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static IResult Feed(HttpContext context, PortalState state)
    {
        var view = state.View;
        if (view.Snapshot is not { } snapshot)
        {
            return Results.StatusCode(503);
        }

        var access = AdvisoryAccess.For(context, view);
        var entries = access.Managed()
            .Select(a => (Advisory: a, Published: Published(a)))
            .OrderByDescending(e => e.Published).ThenByDescending(e => e.Advisory.Number)
            .ToList();
        var origin = view.PublicOrigin;
        string Link(string path) => (origin ?? string.Empty) + path;
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("feed", AtomNamespace);
            writer.WriteElementString("id", AtomNamespace, view.FeedId("/feeds/advisories.atom"));
            writer.WriteElementString("title", AtomNamespace, $"{snapshot.ProjectName} security advisories");
            writer.WriteElementString("updated", AtomNamespace, Atom.Format(entries.Count == 0 ? snapshot.IndexedAt : entries.Max(e => Updated(e.Advisory, e.Published))));
            Atom.WriteLink(writer, "self", Link("/feeds/advisories.atom"), "application/atom+xml");
            Atom.WriteLink(writer, "alternate", Link("/advisories"), "text/html");
            writer.WriteStartElement("author", AtomNamespace);
            writer.WriteElementString("name", AtomNamespace, snapshot.ProjectName);
            writer.WriteEndElement();
            writer.WriteElementString("generator", AtomNamespace, "Herald");
            foreach (var (advisory, published) in entries)
            {
                var path = "/advisories/" + Uri.EscapeDataString(advisory.Id);
                writer.WriteStartElement("entry", AtomNamespace);
                writer.WriteElementString("id", AtomNamespace, view.FeedId(path));
                writer.WriteElementString("title", AtomNamespace, $"{advisory.Id} (v{advisory.Revision.ToString(CultureInfo.InvariantCulture)}): {advisory.Content.Title}");
                writer.WriteElementString("updated", AtomNamespace, Atom.Format(Updated(advisory, published)));
                writer.WriteElementString("published", AtomNamespace, Atom.Format(published));
                Atom.WriteLink(writer, "alternate", Link(path), "text/html");
                Atom.WriteLink(writer, "alternate", Link(path + ".txt"), "text/plain");
                foreach (var cve in advisory.Content.Cves)
                {
                    writer.WriteStartElement("category", AtomNamespace);
                    writer.WriteAttributeString("term", cve);
                    writer.WriteEndElement();
                }

                writer.WriteStartElement("summary", AtomNamespace);
                writer.WriteAttributeString("type", "text");
                writer.WriteString(Herald.Announcements.MarkdownRenderer.ToPlainText(advisory.Sections().Description is { Length: > 0 } description ? description : advisory.Content.Title));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return Results.Text(text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), "application/atom+xml; charset=utf-8");
    }

    // When it went (or goes) public: stored, else its embargo's end, else when it was made (a draft the security team sees).
    private static DateTimeOffset Published(ManagedAdvisory advisory) => advisory.PublishedAt ?? advisory.EmbargoUntil ?? advisory.CreatedAt;

    private static DateTimeOffset Updated(ManagedAdvisory advisory, DateTimeOffset published) => advisory.UpdatedAt > published ? advisory.UpdatedAt : published;



}
