using System.Text.RegularExpressions;
using Herald.Search;

namespace Herald.Advisories;

/// <summary>
/// The ids hidden from one viewer (<see cref="AccessPolicy.Hidden"/>) where they could still show through text: a
/// search query naming one, search hits whose text names one, or a commit found by the ids its message names.
/// </summary>
public sealed partial class HiddenAdvisories
{
    private readonly IReadOnlySet<string> _ids;
    private List<Regex>? _patterns;

    /// <summary>The text rules for the ids in <paramref name="ids"/> (any case).</summary>
    public HiddenAdvisories(IReadOnlySet<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        _ids = ids;
    }

    /// <summary>
    /// Whether <paramref name="text"/> names a hidden id, ignoring case and what separates its letters from its number:
    /// <c>xsa 500</c> names <c>XSA-500</c>, <c>XSA-5000</c> does not.
    /// </summary>
    public bool Names(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_ids.Count == 0)
        {
            return false;
        }

        _patterns ??= [.. _ids.Select(Pattern)];
        return _patterns.Any(p => p.IsMatch(text));
    }

    /// <summary>
    /// <paramref name="results"/> without what would give a hidden id away: nothing found when the query names one; no
    /// hit whose title or detail names one; no commit found through a hidden id its message names (the search table keeps
    /// them with the commit: "500" finds the commits naming XSA-500), told by <paramref name="catalog"/>.
    /// </summary>
    public SearchResults Filter(SearchResults results, AdvisoryCatalog? catalog)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (_ids.Count == 0)
        {
            return results;
        }

        var nothing = Names(results.Query);
        var words = Words().Split(results.Query).Where(w => w.Length > 0).ToList();
        bool FoundByHiddenId(SearchHit hit) =>
            hit.Kind == SearchKind.Commit && catalog is not null
            && catalog.NamedBy(hit.Key).Any(id => _ids.Contains(id) && words.Any(w => NamesNumber(w, Number(id))));
        return results with
        {
            Groups = [.. results.Groups.Select(g => nothing
                ? g with { Hits = [], More = false }
                : g with { Hits = [.. g.Hits.Where(h => !Names(h.Title) && !Names(h.Detail) && !FoundByHiddenId(h))] })],
        };
    }

    // "500" or "xsa500": letters (or nothing), then exactly the number.
    private static bool NamesNumber(string word, string number) =>
        word.EndsWith(number, StringComparison.Ordinal) && word[..^number.Length].All(char.IsLetter);

    private static string Number(string id) => new([.. id.SkipWhile(c => !char.IsDigit(c))]);

    // XSA-500 as written in text: its letters, any separators, its number not followed by another digit.
    private static Regex Pattern(string id)
    {
        var letters = new string([.. id.TakeWhile(char.IsLetter)]);
        return new Regex(
            $"(?<![A-Za-z0-9]){Regex.Escape(letters)}[^A-Za-z0-9]*0*{Regex.Escape(Number(id))}(?![0-9])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex("[^A-Za-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
