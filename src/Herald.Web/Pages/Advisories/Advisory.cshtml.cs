using Herald.Advisories;
using Herald.Configuration;
using Herald.Web.Security;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages.Advisories;

/// <summary>
/// One advisory: what the security team wrote (a managed advisory the viewer may see: title, state, versions,
/// sections, patches) and, when commits name it, for every series the commits that fix it and the first release
/// containing them. An advisory hidden from the viewer answers exactly as one that does not exist.
/// </summary>
public sealed class AdvisoryModel(PortalState state) : PortalPage(state)
{
    /// <summary>Where the fix landed, from the commits naming it, or null.</summary>
    public AdvisoryReport? Report { get; private set; }

    /// <summary>The managed advisory, when there is one the viewer may see.</summary>
    public ManagedAdvisory? Managed { get; private set; }

    /// <summary>The managed advisory's sections, rendered (sanitised Markdown), with their headings; empty ones left out.</summary>
    public IReadOnlyList<(string Heading, IHtmlContent Html)> Sections { get; private set; } = [];

    /// <summary>Whether the managed advisory is public now (stored so, or its embargo over).</summary>
    public bool Public { get; private set; }

    /// <summary>Whether the viewer sees embargo ends (a pre-disclosure member, the security team).</summary>
    public bool Privileged { get; private set; }

    /// <summary>Who the page is shown to, when signed in as a member, or null.</summary>
    public Viewer Viewer { get; private set; } = Viewer.Anonymous;

    /// <summary>The advisory's id as stored.</summary>
    public string Id { get; private set; } = string.Empty;

    /// <summary>Where ids link to (<c>[security]</c>).</summary>
    public SecuritySettings Security { get; private set; } = new();

    /// <summary>The advisory's own page (<c>[security] advisory_url</c>), or null.</summary>
    public Uri? External { get; private set; }

    /// <summary>Renders the page.</summary>
    public IActionResult OnGet(string id)
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        var access = AdvisoryAccess.For(HttpContext, View);
        Managed = access.Managed(id);
        Report = access.Report(id);
        if (Managed is null && Report is null)
        {
            // The same words for every id: an advisory hidden from the viewer answers byte for byte like one never used.
            return NotFoundPage("No such advisory is known here.");
        }

        Id = Managed?.Id ?? Report!.Id;
        Viewer = access.Viewer;
        Privileged = access.IsPrivileged;
        Public = Managed?.IsPublicAt(access.Now) ?? true;
        ViewData["Title"] = Managed is null ? Id : $"{Id}: {Managed.Content.Title}";
        Security = View.Security ?? new SecuritySettings();
        External = Security.Link(Id).FirstOrDefault(r => r.Link is not null)?.Link;
        if (Managed is not null)
        {
            var sections = Managed.Sections();
            Sections = AdvisorySections.Order
                .Select(o => (o.Heading, Text: o.Read(sections)))
                .Where(s => s.Text.Length > 0)
                .Select(s => (s.Heading, (IHtmlContent)new HtmlString(Herald.Announcements.MarkdownRenderer.ToHtml(s.Text))))
                .ToList();
        }

        return Page();
    }

    /// <summary>How a series' state reads on the page.</summary>
    public static string Describe(AdvisoryFixState state) => state switch
    {
        AdvisoryFixState.Fixed => "fixed",
        AdvisoryFixState.Unreleased => "unreleased",
        AdvisoryFixState.NotApplicable => "not applicable",
        AdvisoryFixState.NotSupported => "series not supported",
        _ => "no fix",
    };

    /// <summary>How an advisory's state reads on the page.</summary>
    public static string Describe(AdvisoryState state) => state.ToString().ToLowerInvariant();

    /// <summary>An instant as the pages show it (UTC, to the minute).</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The address of a patch file of <paramref name="id"/>.</summary>
    public static string PatchPath(string id, string fileName) => $"/advisories/{Uri.EscapeDataString(id)}/patches/{Uri.EscapeDataString(fileName)}";
}
