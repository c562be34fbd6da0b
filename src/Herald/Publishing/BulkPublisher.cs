using Herald.Releases;

namespace Herald.Publishing;

/// <summary>
/// Publishes every release of a selection that has no files in the store yet (<c>herald publish --all</c>),
/// one release at a time through <see cref="Publisher"/>, so each appears whole or not at all. Resumable:
/// a release already published is skipped, one an interrupted run left half-written is published again.
/// A release that fails is reported and the run goes on with the next.
/// </summary>
public sealed class BulkPublisher
{
    private readonly HeraldProject _project;
    private readonly Publisher _publisher;

    /// <summary>Creates a bulk publisher that publishes with <paramref name="publisher"/>.</summary>
    public BulkPublisher(HeraldProject project, Publisher publisher)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(publisher);
        _project = project;
        _publisher = publisher;
    }

    /// <summary>
    /// The releases (never candidates, never development builds) of <paramref name="series"/> (all when
    /// null) from <paramref name="from"/> on (all when null), oldest first.
    /// </summary>
    public IReadOnlyList<Release> Select(SeriesId? series, ReleaseVersion? from) =>
        _project.Catalog.Releases
            .Where(r => !r.IsCandidate && (series is null || r.Series == series) && (from is null || r.Version >= from))
            .OrderBy(r => r.Version)
            .ToList();

    /// <summary>
    /// Publishes each release of <paramref name="releases"/> that has no published files in
    /// <paramref name="store"/>; reports "n/total version" to <paramref name="progress"/> before each.
    /// </summary>
    public async Task<BulkPublishResult> PublishAsync(IArtifactStore store, IReadOnlyList<Release> releases, IReadOnlyList<string> formats, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(releases);
        var published = new List<string>();
        var present = new List<string>();
        var failed = new List<BulkPublishFailure>();
        var slug = _project.Config.Slug;
        for (var i = 0; i < releases.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = releases[i].Version.ToString();
            progress?.Report($"{i + 1}/{releases.Count} {name}");
            if ((await Publisher.ReadPublishedAsync(store, slug, name, cancellationToken)).Count > 0)
            {
                present.Add(name);
                continue;
            }

            try
            {
                // No force: a folder with other files (an import) is never replaced by a bulk run.
                var result = await _publisher.PublishAsync(store, name, [], formats, force: false, cancellationToken);
                (result.Changed ? published : present).Add(name);
            }
            catch (Exception e) when (e is HeraldException or IOException or UnauthorizedAccessException)
            {
                failed.Add(new BulkPublishFailure(name, e.Message));
            }
        }

        return new BulkPublishResult(published, present, failed);
    }
}

/// <summary>What <c>herald publish --all</c> did; the shape of its <c>--json</c> output.</summary>
/// <param name="Published">The versions published by this run, oldest first.</param>
/// <param name="AlreadyPublished">The versions that had files already and were left as they are.</param>
/// <param name="Failed">The versions that could not be published, with the reason.</param>
public sealed record BulkPublishResult(IReadOnlyList<string> Published, IReadOnlyList<string> AlreadyPublished, IReadOnlyList<BulkPublishFailure> Failed);

/// <summary>A release <c>herald publish --all</c> could not publish.</summary>
/// <param name="Version">The version.</param>
/// <param name="Reason">Why, as Herald's message says it.</param>
public sealed record BulkPublishFailure(string Version, string Reason);
