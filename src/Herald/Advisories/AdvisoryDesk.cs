using Herald.Storage;

namespace Herald.Advisories;

/// <summary>
/// Every managed advisory, read at once for the portal (all states: who sees which is decided per request by
/// <see cref="AccessPolicy"/>). Immutable; a change (see <see cref="AdvisoryStore.ReadGenerationAsync"/>) makes a new one.
/// </summary>
public sealed class AdvisoryDesk
{
    private readonly Dictionary<string, ManagedAdvisory> _byId;

    /// <summary>A desk of <paramref name="advisories"/> read at <paramref name="generation"/>.</summary>
    public AdvisoryDesk(long generation, IEnumerable<ManagedAdvisory> advisories)
    {
        ArgumentNullException.ThrowIfNull(advisories);
        Generation = generation;
        All = advisories.OrderByDescending(a => a.Number).ToArray();
        _byId = All.ToDictionary(a => a.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>No managed advisories.</summary>
    public static AdvisoryDesk Empty { get; } = new(0, []);

    /// <summary>The generation it was read at.</summary>
    public long Generation { get; }

    /// <summary>Every managed advisory, newest first, whatever its state: never show this list without <see cref="Visible"/>.</summary>
    public IReadOnlyList<ManagedAdvisory> All { get; }

    /// <summary>The advisories <paramref name="viewer"/> may see at <paramref name="now"/>, newest first.</summary>
    public IReadOnlyList<ManagedAdvisory> Visible(Viewer viewer, DateTimeOffset now) => AccessPolicy.Visible(viewer, All, now);

    /// <summary>Advisory <paramref name="id"/> when <paramref name="viewer"/> may see it at <paramref name="now"/>; null alike when it does not exist or is hidden.</summary>
    public ManagedAdvisory? Find(string id, Viewer viewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.TryGetValue(id, out var advisory) && AccessPolicy.CanSee(viewer, advisory, now) ? advisory : null;
    }

    /// <summary>The ids hidden from <paramref name="viewer"/> at <paramref name="now"/> (to leave out wherever ids appear).</summary>
    public IReadOnlySet<string> Hidden(Viewer viewer, DateTimeOffset now) => AccessPolicy.Hidden(viewer, All, now);

    /// <summary>
    /// What anonymous visitors see of the advisories at <paramref name="now"/>, as one string: when it changes, pages
    /// rendered for them (and their validators) must be dropped; when only hidden advisories changed, it does not,
    /// so that nothing an outsider can observe moves. It includes the hidden ids that commits name
    /// (<paramref name="catalog"/>), since the lists of those drop them.
    /// </summary>
    public string PublicFingerprint(DateTimeOffset now, AdvisoryCatalog? catalog = null)
    {
        var visible = Visible(Viewer.Anonymous, now).Select(a => FormattableString.Invariant($"{a.Id}:{a.Revision}:{a.UpdatedAt.ToUnixTimeSeconds()}:{a.Text?.Length}:{a.Completed}"));
        IEnumerable<string> named = catalog is null ? [] : Hidden(Viewer.Anonymous, now).Where(id => catalog.Find(id) is not null).Order(StringComparer.OrdinalIgnoreCase);
        return string.Join(';', visible) + "|" + string.Join(',', named);
    }

    /// <summary>The next embargo end after <paramref name="now"/> of an advisory not yet public, or null.</summary>
    public DateTimeOffset? NextEmbargoEnd(DateTimeOffset now) =>
        All.Where(a => a.State != AdvisoryState.Public && a.EmbargoUntil is { } until && until > now).Select(a => a.EmbargoUntil).Min();

    /// <summary>Reads every managed advisory of <paramref name="database"/>.</summary>
    public static async Task<AdvisoryDesk> LoadAsync(IndexDatabase database, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var store = new AdvisoryStore(database, clock);
        var generation = await store.ReadGenerationAsync(cancellationToken);
        return new AdvisoryDesk(generation, await store.ListAsync(cancellationToken));
    }
}
