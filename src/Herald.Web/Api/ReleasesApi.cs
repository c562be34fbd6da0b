using Herald.Backports;
using Herald.Policy;
using Herald.Releases;
using Herald.Stats;
using Herald.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Api;

/// <summary>The JSON API: the same records the CLI prints with <c>--json</c>.</summary>
public static class ReleasesApi
{
    /// <summary>Maps <c>/api/…</c>.</summary>
    public static IEndpointRouteBuilder MapReleasesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").CacheOutput();
        api.MapRead("/releases", Releases).WithName("releases")
            .WithSummary("Every release, newest first")
            .WithDescription("Version, series, tag, commit, date and signature of each release; 'candidates=true' also lists release candidates. 503 while the first index is built.");
        api.MapRead("/releases/{version}", Release).WithName("release")
            .WithSummary("One release with its statistics")
            .WithDescription("The release and its contribution statistics (changesets, developers, employers, growth); 404 for an unknown version.");
        api.MapRead("/series", Series).WithName("series")
            .WithSummary("Every release series with its support status")
            .WithDescription("Each series' stable branch, first and latest release, support dates and status as of today under the project's policy.");
        api.MapRead("/status", Status).WithName("status")
            .WithSummary("The index: when it was made and what it holds")
            .WithDescription("The project, the time of the last index, the mainline and the numbers of releases, series and commits.");
        api.MapRead("/contains/{sha}", Contains).WithName("contains")
            .WithSummary("Where a commit landed")
            .WithDescription("The stable branches holding the commit (a sha or a unique prefix) or a backport of it, and the first release of each; 404 for an unknown commit.");
        return routes;
    }

    private static Results<Ok<IReadOnlyList<ReleaseInfo>>, StatusCodeHttpResult> Releases(PortalState state, bool? candidates) =>
        state.Snapshot is { } s ? TypedResults.Ok(s.ReleaseInfos(candidates ?? false)) : TypedResults.StatusCode(503);

    private static Results<Ok<ReleaseDetails>, NotFound<Problem>, StatusCodeHttpResult> Release(PortalState state, string version)
    {
        if (state.Snapshot is not { } s)
        {
            return TypedResults.StatusCode(503);
        }

        return s.Release(version) is { } row
            ? TypedResults.Ok(new ReleaseDetails(IndexSnapshot.Info(row), IndexSnapshot.StatsOf(row)))
            : TypedResults.NotFound(new Problem($"no release {version}"));
    }

    private static Results<Ok<IReadOnlyList<SeriesDetails>>, StatusCodeHttpResult> Series(PortalState state, TimeProvider clock)
    {
        var view = state.View;
        if (view.Snapshot is not { } s)
        {
            return TypedResults.StatusCode(503);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var status = s.Status(today, view.CadenceMonths).ToDictionary(x => x.Series);
        IReadOnlyList<SeriesDetails> list = s.Series.Select(row => new SeriesDetails(
            status[row.Series],
            s.ReleasesOf(row.Series).Select(r => r.Version).ToList(),
            IndexSnapshot.BackportsOf(row))).ToList();
        return TypedResults.Ok(list);
    }

    private static Results<Ok<IReadOnlyList<SeriesStatus>>, StatusCodeHttpResult> Status(PortalState state, TimeProvider clock) =>
        state.View is { Snapshot: { } s } view
            ? TypedResults.Ok(s.Status(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), view.CadenceMonths))
            : TypedResults.StatusCode(503);

    private static async Task<Results<Ok<ContainsReport>, NotFound<Problem>, StatusCodeHttpResult>> Contains(PortalState state, string sha, CancellationToken cancellationToken)
    {
        if (state.View is not { Snapshot: { } s, Database: { } database })
        {
            return TypedResults.StatusCode(503);
        }

        await using var context = database.CreateContext();
        var report = await IndexQueries.ContainsAsync(context, s, sha, cancellationToken);
        return report is null ? TypedResults.NotFound(new Problem($"no commit {sha}")) : TypedResults.Ok(report);
    }
}

/// <summary>A release with its statistics (<c>/api/releases/{version}</c>).</summary>
/// <param name="Release">The release.</param>
/// <param name="Stats">Its contributor statistics; null for a candidate.</param>
public sealed record ReleaseDetails(ReleaseInfo Release, ContributionStats? Stats);

/// <summary>A series with its status, releases and backports (<c>/api/series</c>).</summary>
/// <param name="Status">The status today.</param>
/// <param name="Releases">Its releases, newest first.</param>
/// <param name="Backports">What waited on its branch when indexed; null unless supported.</param>
public sealed record SeriesDetails(SeriesStatus Status, IReadOnlyList<string> Releases, BackportReport? Backports);

/// <summary>A problem (404 body).</summary>
/// <param name="Error">What was not found.</param>
public sealed record Problem(string Error);
