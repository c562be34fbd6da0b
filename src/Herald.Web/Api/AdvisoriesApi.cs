using Herald.Advisories;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Herald.Web.Api;

/// <summary>The advisories commit messages name: the records <c>herald advisory list --json</c> prints.</summary>
public static class AdvisoriesApi
{
    /// <summary>Maps <c>/api/advisories</c> and <c>/api/advisories/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapAdvisoriesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").CacheOutput();
        api.MapRead("/advisories", Advisories).WithName("advisories")
            .WithSummary("Every known advisory, or those affecting one release")
            .WithDescription("Without 'version': every advisory id commit messages name (XSA-n), newest first, with its CVEs and, per series, the fix commits and the first release containing them. With 'version=4.17.3': the advisories whose fix the release's series holds after it (or unreleased on its branch), each with the first release of the series that fixes it; 404 for an unknown version.");
        api.MapRead("/advisories/{id}", Advisory).WithName("advisory")
            .WithSummary("One advisory and where its fix landed")
            .WithDescription("Its CVEs and, for every series, state (fixed, unreleased, notApplicable, notSupported, noFix), the fix commits on the series' branch and the first release containing them; 404 when no commit names the id.");
        return routes;
    }

    private static Results<Ok<IReadOnlyList<AdvisoryReport>>, Ok<AdvisoryUpgrade>, NotFound<Problem>, StatusCodeHttpResult> Advisories(PortalState state, string? version)
    {
        if (state.Snapshot is not { } s)
        {
            return TypedResults.StatusCode(503);
        }

        if (version is not null)
        {
            return s.Advisories.Upgrade(version) is { } upgrade ? TypedResults.Ok(upgrade) : TypedResults.NotFound(new Problem($"no release {version}"));
        }

        IReadOnlyList<AdvisoryReport> all = s.Advisories.All.Select(a => s.Advisories.Report(a.Id)!).ToList();
        return TypedResults.Ok(all);
    }

    private static Results<Ok<AdvisoryReport>, NotFound<Problem>, StatusCodeHttpResult> Advisory(PortalState state, string id)
    {
        if (state.Snapshot is not { } s)
        {
            return TypedResults.StatusCode(503);
        }

        return s.Advisories.Report(id) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound(new Problem($"no advisory {id}"));
    }
}
