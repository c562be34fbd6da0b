using Herald.Advisories;

namespace Herald.Web.Security;

/// <summary>
/// What one request may see of the advisories: its viewer and "now", read once, asked of <see cref="AccessPolicy"/>
/// through the view's <see cref="AdvisoryDesk"/>. Pages, the API, feeds, exports and search go through it, so that an
/// advisory hidden from the viewer (and its id) appears nowhere, also not among the advisories commits name.
/// </summary>
public sealed class AdvisoryAccess
{
    private readonly PortalView _view;
    private IReadOnlySet<string>? _hidden;
    private HiddenAdvisories? _text;

    private AdvisoryAccess(PortalView view, Viewer viewer, DateTimeOffset now)
    {
        _view = view;
        Viewer = viewer;
        Now = now;
    }

    /// <summary>Who asks.</summary>
    public Viewer Viewer { get; }

    /// <summary>The instant visibility is decided at.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Whether the viewer sees what others may not (a pre-disclosure member, the security team): then embargo ends are shown.</summary>
    public bool IsPrivileged => Viewer.Kind is ViewerKind.Member or ViewerKind.Security;

    /// <summary>The access of the request <paramref name="context"/> to <paramref name="view"/>.</summary>
    public static AdvisoryAccess For(HttpContext context, PortalView view)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(view);
        return new AdvisoryAccess(view, Viewers.Of(context), context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    /// <summary>The ids hidden from the viewer now (any case).</summary>
    public IReadOnlySet<string> Hidden => _hidden ??= _view.Desk.Hidden(Viewer, Now);

    /// <summary>Whether <paramref name="id"/> is hidden from the viewer now.</summary>
    public bool IsHidden(string id) => Hidden.Count > 0 && Hidden.Contains(id);

    /// <summary>The managed advisories the viewer may see now, newest first.</summary>
    public IReadOnlyList<ManagedAdvisory> Managed() => _view.Desk.Visible(Viewer, Now);

    /// <summary>Managed advisory <paramref name="id"/> when the viewer may see it now; null alike when missing or hidden.</summary>
    public ManagedAdvisory? Managed(string id) => _view.Desk.Find(id, Viewer, Now);

    /// <summary><paramref name="advisories"/> (named by commits) without those hidden from the viewer.</summary>
    public IReadOnlyList<AdvisorySummary> Known(IReadOnlyList<AdvisorySummary> advisories)
    {
        ArgumentNullException.ThrowIfNull(advisories);
        return Hidden.Count == 0 ? advisories : advisories.Where(a => !Hidden.Contains(a.Id)).ToList();
    }

    /// <summary><paramref name="ids"/> without those hidden from the viewer.</summary>
    public IReadOnlyList<string> Known(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Where(id => !IsHidden(id)).ToList();
    }

    /// <summary>Where the fix of <paramref name="id"/> landed, from the commits naming it; null when none does or it is hidden.</summary>
    public AdvisoryReport? Report(string id) => _view.Snapshot is { } snapshot && !IsHidden(id) ? snapshot.Advisories.Report(id) : null;

    /// <summary>
    /// Whether <paramref name="text"/> names an id hidden from the viewer (<see cref="HiddenAdvisories.Names"/>), so
    /// that a search for it answers as if nothing matched.
    /// </summary>
    public bool NamesHidden(string text) => Text.Names(text);

    /// <summary><paramref name="results"/> as the viewer may see them (<see cref="HiddenAdvisories.Filter"/>).</summary>
    public Herald.Search.SearchResults Filter(Herald.Search.SearchResults results) => Text.Filter(results, _view.Snapshot?.Advisories);

    private HiddenAdvisories Text => _text ??= new HiddenAdvisories(Hidden);
}
