using Herald.Advisories;

namespace Herald.Web.Security;

/// <summary>
/// What one request may see of the advisories: its viewer and "now", read once, asked of <see cref="AccessPolicy"/>
/// through the view's <see cref="AdvisoryDesk"/>. Pages, the API, feeds, exports and search go through it, so that an
/// advisory hidden from the viewer (and its id) appears nowhere, also not among the advisories commits name.
/// </summary>
public sealed partial class AdvisoryAccess
{
    private readonly PortalView _view;
    private IReadOnlySet<string>? _hidden;

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
    /// Whether <paramref name="text"/> names an id hidden from the viewer (ignoring case and what separates its letters from its
    /// number: <c>xsa 500</c> names <c>XSA-500</c>, <c>XSA-5000</c> does not), so that a search for it answers as if nothing matched.
    /// </summary>
    public bool NamesHidden(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Hidden.Count == 0)
        {
            return false;
        }

        return Hidden.Any(id => Pattern(id).IsMatch(text));
    }

    /// <summary>
    /// <paramref name="results"/> as the viewer may see them: nothing found when the query names a hidden id, and no
    /// hit whose title or detail names one (the commits naming an embargoed advisory do not give its id away).
    /// </summary>
    public Herald.Search.SearchResults Filter(Herald.Search.SearchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (Hidden.Count == 0)
        {
            return results;
        }

        var nothing = NamesHidden(results.Query);
        return results with
        {
            Groups = [.. results.Groups.Select(g => nothing
                ? g with { Hits = [], More = false }
                : g with { Hits = [.. g.Hits.Where(h => !NamesHidden(h.Title) && !NamesHidden(h.Detail) && !FoundByHiddenId(h, results.Query))] })],
        };
    }

    // A commit found through the advisory ids its message names (the search table keeps them with the commit), by a
    // query naming a hidden one's number ("500", "xsa500"): the hit would tell that the commit names an advisory 500.
    private bool FoundByHiddenId(Herald.Search.SearchHit hit, string query)
    {
        if (hit.Kind != Herald.Search.SearchKind.Commit || _view.Snapshot is not { } snapshot)
        {
            return false;
        }

        var words = Words().Split(query).Where(w => w.Length > 0).ToList();
        return snapshot.Advisories.NamedBy(hit.Key).Any(id => IsHidden(id) && words.Any(w => NamesNumber(w, Number(id))));
    }

    // "500" or "xsa500": letters (or nothing), then exactly the number.
    private static bool NamesNumber(string word, string number) =>
        word.EndsWith(number, StringComparison.Ordinal) && word[..^number.Length].All(char.IsLetter);

    private static string Number(string id) => new([.. id.SkipWhile(c => !char.IsDigit(c))]);

    [System.Text.RegularExpressions.GeneratedRegex("[^A-Za-z0-9]+", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Words();

    // XSA-500 as written in text: its letters, any separators, its number not followed by another digit.
    private static System.Text.RegularExpressions.Regex Pattern(string id)
    {
        var letters = new string(id.TakeWhile(char.IsLetter).ToArray());
        var number = new string(id.SkipWhile(c => !char.IsDigit(c)).ToArray());
        return new System.Text.RegularExpressions.Regex(
            $"(?<![A-Za-z0-9]){System.Text.RegularExpressions.Regex.Escape(letters)}[^A-Za-z0-9]*0*{System.Text.RegularExpressions.Regex.Escape(number)}(?![0-9])",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
