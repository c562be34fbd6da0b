using System.Globalization;
using Herald.Policy;
using Herald.Publishing;
using Herald.Releases;
using Herald.Stats;

namespace Herald.Announcements;

/// <summary>
/// Drafts the announcement of one major release (X.Y.0) or of maintenance releases of one or more series
/// released together: the model from the engine (releases, support status on the release date, the
/// statistics <c>herald stats</c> computes, release notes, published files), rendered by the templates.
/// </summary>
public sealed class AnnouncementBuilder
{
    /// <summary>The category of every release announcement.</summary>
    public const string Category = "Releases";

    private readonly HeraldProject _project;
    private readonly TimeProvider _clock;
    private readonly IProgress<string>? _progress;

    /// <summary>Creates a builder for <paramref name="project"/>; <paramref name="clock"/> gives "today".</summary>
    public AnnouncementBuilder(HeraldProject project, TimeProvider clock, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(clock);
        _project = project;
        _clock = clock;
        _progress = progress;
    }

    private AnnounceSettings Settings => _project.Config.Announce;

    private string? ConfigFolder => _project.Config.SourcePath is { } path ? Path.GetDirectoryName(path) : null;

    /// <summary>Drafts the announcement of <paramref name="versions"/> (see <see cref="BuildModelAsync"/>).</summary>
    public async Task<Announcement> BuildAsync(IReadOnlyList<string> versions, string? releaseManager = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var releases = AnnouncedVersions.Resolve(_project.Catalog, versions);
        var name = releases[0].Version.IsSeriesStart ? AnnouncementTemplates.Major : AnnouncementTemplates.Point;

        // Parsing the template (and a first parse's JIT) overlaps the git processes the model waits on.
        var template = Task.Run(() => AnnouncementTemplates.Prepare(name, ConfigFolder), cancellationToken);
        var model = await ModelAsync(releases, releaseManager, cancellationToken);
        await template;
        var markdown = AnnouncementTemplates.Render(name, model, ConfigFolder);
        return new Announcement(model.Title, News.PostSlug.From(model.Title), [Category], [.. model.Releases.Select(r => r.Version)], markdown, null);
    }

    /// <summary>
    /// The model of the announcement of <paramref name="versions"/>: one X.Y.0, or point releases of
    /// different series. <paramref name="releaseManager"/> overrides <c>[announce] release_manager</c>.
    /// </summary>
    /// <exception cref="HeraldException">An unknown version (the message names the closest), an X.Y.0 with others, two of one series.</exception>
    public async Task<AnnouncementModel> BuildModelAsync(IReadOnlyList<string> versions, string? releaseManager = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return await ModelAsync(AnnouncedVersions.Resolve(_project.Catalog, versions), releaseManager, cancellationToken);
    }

    private async Task<AnnouncementModel> ModelAsync(IReadOnlyList<Release> releases, string? releaseManager, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return releases[0].Version.IsSeriesStart
            ? await MajorAsync(releases[0], today, releaseManager, cancellationToken)
            : Point(releases, today);
    }

    private AnnouncementModel Point(IReadOnlyList<Release> releases, string today)
    {
        var (windows, _) = StatusReport.ReadWindows(_project.Repository, _project.Catalog, _project.Config.Policy);
        var announced = releases.Select(r => Describe(r, windows.FirstOrDefault(w => w.Series == r.Series))).ToList();
        var updating = announced.Where(r => r.Supported).Select(r => r.Series).ToList();
        var versionsText = AnnouncedVersions.Join([.. releases.Select(r => r.Version.ToString())]);
        return new AnnouncementModel
        {
            Project = _project.Config.ProjectName,
            Kind = "point",
            Title = $"{_project.Config.ProjectName} {versionsText} {(releases.Count == 1 ? "is" : "are")} available",
            VersionsText = versionsText,
            Date = Date(releases.Max(r => r.Date)),
            Today = today,
            PolicyUrl = Settings.PolicyUrl?.AbsoluteUri,
            Releases = announced,
            UpdateSeriesText = updating.Count == 0 ? null : AnnouncedVersions.Join(updating),
            LastReleases = [.. announced.Where(r => r.LastRelease)],
        };
    }

    private async Task<AnnouncementModel> MajorAsync(Release release, string today, string? releaseManager, CancellationToken cancellationToken)
    {
        var catalog = _project.Catalog;
        var announced = Describe(release, null);
        var stats = Statistics(release);
        var comparable = ReleaseRange.Comparable(catalog, release);
        var changelog = ReleaseNotes.ReadChangelogs(_project.Repository, [release.Tag])[release.Tag];
        var notesPath = ConfigFolder is { } folder ? Path.Combine(folder, "notes", release.Version + ".md") : null;
        var notes = notesPath is not null && File.Exists(notesPath) ? await File.ReadAllTextAsync(notesPath, cancellationToken) : null;
        var section = changelog is null ? null : ReleaseNotes.Find(changelog, release.Version.ToString());
        var published = await Publisher.ReadPublishedAsync(ArtifactStore.For(_project), _project.Config.Slug, release.Version.ToString(), cancellationToken);
        var sums = published.FirstOrDefault(f => f.Name == "SHA256SUMS");
        return new AnnouncementModel
        {
            Project = _project.Config.ProjectName,
            Kind = "major",
            Title = $"What's new in {_project.Config.ProjectName} {release.Series}",
            VersionsText = release.Version.ToString(),
            Date = announced.Date,
            Today = today,
            PolicyUrl = Settings.PolicyUrl?.AbsoluteUri,
            Releases = [announced],
            Release = announced,
            Intro = Settings.Intro,
            NotesIntro = notes is null ? null : NonEmpty(ReleaseNotes.Preamble(notes, 2)),
            ReleaseManager = NonEmpty(releaseManager) ?? Settings.ReleaseManager,
            NextReleaseManager = Settings.NextReleaseManager,
            Sections = NotesSections.Merge(Settings.Sections, notes, section),
            Stats = new AnnouncementStats
            {
                Range = stats.From is null ? stats.To : $"{stats.From}..{stats.To}",
                Changesets = stats.Changesets,
                Developers = stats.Developers,
                Employers = stats.Employers,
                Reviews = stats.Reviews,
                Tests = stats.Tests,
                Reports = stats.Reports,
                LinesAdded = stats.LinesAdded,
                LinesRemoved = stats.LinesRemoved,
                PreviousVersion = stats.Previous is null ? null : comparable?.Version.ToString(),
                PreviousSeries = stats.Previous is null ? null : comparable?.Series.ToString(),
                PreviousChangesets = stats.Previous?.Changesets,
                PreviousDevelopers = stats.Previous?.Developers,
                PreviousEmployers = stats.Previous?.Employers,
                PreviousReviews = stats.Previous?.Reviews,
                ChangesetsGrowth = Percent(stats.Growth?.Changesets),
                DevelopersGrowth = Percent(stats.Growth?.Developers),
                EmployersGrowth = Percent(stats.Growth?.Employers),
                ChangesetsGrowthText = stats.Growth?.Changesets switch
                {
                    null => null,
                    > 0 and var g => $"{Percent(g)}% more",
                    < 0 and var g => $"{Percent(-g)}% fewer",
                    _ => "as many",
                },
                AcknowledgementsUrl = Link("/acknowledgements/" + Segment(release.Version.ToString())),
            },
            Downloads = [.. published
                .Where(f => f.Name is not ("SHA256SUMS" or "SHA512SUMS"))
                .Select(f => new AnnouncedFile
                {
                    Name = f.Name,
                    Url = Link("/downloads/" + Segment(f.Path)),
                    Size = f.Size,
                    Sha256 = f.Sha256,
                    Sha512 = f.Sha512,
                    SignatureUrl = f.Signature is null ? null : Link("/downloads/" + Segment(f.Signature)),
                })],
            ChecksumsUrl = sums is null ? null : Link("/downloads/" + Segment(sums.Path)),
        };
    }

    // The same engine call as 'herald stats VERSION': the release's range compared with its comparable one,
    // line counts from (and into) the data folder's cache.
    private ContributionStats Statistics(Release release)
    {
        var target = _project.Targets.Resolve(release.Version.ToString());
        var cache = _project.OpenLineCountCache();
        var calculator = new StatsCalculator(_project.Repository, _project.Identities, cache, null, _progress);
        var stats = calculator.Compute(target, _project.Catalog);
        cache.Save();
        return stats;
    }

    private AnnouncedRelease Describe(Release release, SupportWindow? window)
    {
        var date = DateOnly.FromDateTime(release.Date.UtcDateTime);
        var status = window?.StatusOn(date) ?? SupportStatus.Supported;
        var last = status == SupportStatus.Eol || (window?.SecurityUntil is { } end && date >= end);
        var branch = _project.Catalog.StableBranches.GetValueOrDefault(release.Series);
        var external = Settings.ShortlogUrl;
        return new AnnouncedRelease
        {
            Version = release.Version.ToString(),
            Series = release.Series.ToString(),
            Tag = release.Tag,
            Branch = branch,
            Date = Date(release.Date),
            ShortlogUrl = external is null
                ? Link("/log/" + Segment(branch ?? release.Tag))
                : Placeholders(external, branch ?? release.Tag, release.Tag),
            // The shortlog template names a branch; a tag's log is the portal's, whatever gitweb is configured.
            TagUrl = Link("/log/" + Segment(release.Tag)),
            ReleaseUrl = Link("/releases/" + Segment(release.Version.ToString())),
            Status = status.ToString().ToLowerInvariant(),
            Supported = !last && status is SupportStatus.Supported or SupportStatus.Security,
            LastRelease = last,
            SupportEnds = window?.SecurityUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    private string Link(string path) =>
        _project.Config.PortalLink(path);

    private static string Segment(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string Placeholders(string template, string branch, string tag) =>
        template.Replace("{branch}", Uri.EscapeDataString(branch), StringComparison.Ordinal).Replace("{tag}", Uri.EscapeDataString(tag), StringComparison.Ordinal);

    private static string Date(DateTimeOffset date) => DateOnly.FromDateTime(date.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Percent(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture);

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
