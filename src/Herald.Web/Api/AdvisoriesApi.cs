using Herald.Advisories;
using Herald.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Herald.Web.Api;

/// <summary>
/// The advisories as JSON: those commit messages name (<see cref="Herald.Advisories.AdvisoryReport"/>) and those
/// the security team manages that the viewer may see (<see cref="AdvisoryAccess"/>), merged by id.
/// </summary>
public static class AdvisoriesApi
{
    /// <summary>Maps <c>/api/advisories</c> and <c>/api/advisories/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapAdvisoriesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").CacheOutput();
        api.MapRead("/advisories", Advisories).WithName("advisories")
            .WithSummary("Every known advisory, or those affecting one release")
            .WithDescription("Without 'version': every advisory id commit messages name (XSA-n) and every advisory the security team manages that the viewer may see, newest (highest number) first; an advisory commits name has its CVEs and, per series, the fix commits and the first release containing them; a managed one also has 'managed' (state, title, cves, affects, versions, embargoUntil (only to pre-disclosure members and the security team), publishedAt, revision, revisions with their 'updates', sections, patches with sha256 and url, text and osv addresses). Before its embargo ends an advisory exists only for pre-disclosure members ('Authorization: Bearer hpd_…') and the security team; for everyone else it is absent, also from the ids commits name. With 'version=4.17.3': the advisories whose fix the release's series holds after it (or unreleased on its branch), each with the first release of the series that fixes it; 404 for an unknown version. A wrong token: 401.");
        api.MapRead("/advisories/{id}", Advisory).WithName("advisory")
            .WithSummary("One advisory and where its fix landed")
            .WithDescription("Its CVEs and, for every series, state (fixed, unreleased, notApplicable, notSupported, noFix), the fix commits on the series' branch and the first release containing them; 'managed' when the security team manages it (see /api/advisories). 404 when no commit names the id and no advisory the viewer may see has it (an embargoed advisory answers exactly so to anyone but pre-disclosure members and the security team); 401 for a wrong token.");
        ManagedAdvisoryFiles.Map(routes);
        return routes;
    }

    private static Results<Ok<IReadOnlyList<AdvisoryEntry>>, Ok<AdvisoryUpgrade>, NotFound<Problem>, StatusCodeHttpResult> Advisories(HttpContext context, PortalState state, string? version)
    {
        var view = state.View;
        if (view.Snapshot is not { } s)
        {
            return TypedResults.StatusCode(503);
        }

        var access = AdvisoryAccess.For(context, view);
        if (version is not null)
        {
            return s.Advisories.Upgrade(version) is { } upgrade
                ? TypedResults.Ok(access.Hidden.Count == 0 ? upgrade : upgrade with { Advisories = upgrade.Advisories.Where(a => !access.IsHidden(a.Id)).ToList() })
                : TypedResults.NotFound(new Problem($"no release {version}"));
        }

        var managed = access.Managed().ToDictionary(m => m.Id, StringComparer.OrdinalIgnoreCase);
        var entries = access.Known(s.Advisories.All)
            .Select(a => AdvisoryEntry.Of(s.Advisories.Report(a.Id)!, managed.GetValueOrDefault(a.Id), access, view))
            .Concat(managed.Values.Where(m => s.Advisories.Find(m.Id) is null).Select(m => AdvisoryEntry.Of(null, m, access, view)))
            .OrderByDescending(e => Number(e.Id))
            .ToList();
        return TypedResults.Ok<IReadOnlyList<AdvisoryEntry>>(entries);
    }

    private static Results<Ok<AdvisoryEntry>, NotFound<Problem>, StatusCodeHttpResult> Advisory(HttpContext context, PortalState state, string id)
    {
        var view = state.View;
        if (view.Snapshot is null)
        {
            return TypedResults.StatusCode(503);
        }

        var access = AdvisoryAccess.For(context, view);
        var managed = access.Managed(id);
        var report = access.Report(id);
        return managed is null && report is null
            ? TypedResults.NotFound(new Problem("no such advisory"))
            : TypedResults.Ok(AdvisoryEntry.Of(report, managed, access, view));
    }

    // The number of XSA-500, for the order newest first (an id without one sorts last).
    private static long Number(string id) =>
        long.TryParse(id.AsSpan(id.LastIndexOf('-') + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;
}
