namespace Herald.Stats;

/// <summary>
/// Contributor statistics of a range of history; the shape <c>herald stats --json</c> prints and the API
/// serves. Definitions:
/// <list type="bullet">
/// <item>changesets: non-merge commits in the range;</item>
/// <item>developers: distinct authors after .mailmap and the aliases file, then joined with their name
/// variants (names equal after accent and case folding, or a shared address that is not generic; see
/// <see cref="Merged"/>); with <see cref="IdentityResolver.ExactNames"/> and neither file: the lines of
/// <c>git shortlog -sn --no-merges</c>;</item>
/// <item>employers: distinct employers of those developers through the domain map, at each commit's date;</item>
/// <item>lines: added and removed lines of text files (<c>--numstat</c>, renames followed);</item>
/// <item>reviews: <c>Reviewed-by</c> and <c>Acked-by</c> trailers; tests: <c>Tested-by</c>; reports: <c>Reported-by</c>.</item>
/// </list>
/// </summary>
public sealed record ContributionStats(
    string? From,
    string To,
    int Changesets,
    int Developers,
    int Employers,
    long LinesAdded,
    long LinesRemoved,
    int Reviews,
    int Tests,
    int Reports,
    IReadOnlyList<DeveloperStats> ByDeveloper,
    IReadOnlyList<EmployerStats> ByEmployer,
    IReadOnlyList<ReviewerStats> ByReviewer,
    IReadOnlyList<MergedIdentity> Merged,
    HeadlineStats? Previous,
    Growth? Growth)
{
    /// <summary>The headline figures alone.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public HeadlineStats Headline => new(From, To, Changesets, Developers, Employers, LinesAdded, LinesRemoved, Reviews, Tests, Reports);

    /// <summary>
    /// The name the developer <paramref name="name"/> (a name after .mailmap) is shown under: the joined
    /// name when it is one of the <see cref="Merged"/> variants, else <paramref name="name"/> itself.
    /// </summary>
    public string DeveloperNameOf(string name) =>
        Merged?.FirstOrDefault(m => m.Variants.Any(v => v.Name == name))?.Name ?? name;

    /// <summary>
    /// <see cref="DeveloperNameOf"/> for many names: the variants are looked up in a table built once, for a
    /// caller that maps every change of a release.
    /// </summary>
    public Func<string, string> DeveloperNames()
    {
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var merged in Merged ?? [])
        {
            foreach (var variant in merged.Variants)
            {
                shown.TryAdd(variant.Name, merged.Name);
            }
        }

        return name => shown.GetValueOrDefault(name, name);
    }

    /// <summary>These statistics compared with <paramref name="previous"/>.</summary>
    public ContributionStats ComparedWith(ContributionStats previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return this with
        {
            Previous = previous.Headline,
            Growth = new Growth(Percent(Changesets, previous.Changesets), Percent(Developers, previous.Developers), Percent(Employers, previous.Employers)),
        };
    }

    private static double? Percent(int current, int previous) =>
        previous == 0 ? null : Math.Round((current - previous) * 100.0 / previous, 1);
}

/// <summary>The headline figures of a range (see <see cref="ContributionStats"/> for definitions).</summary>
public sealed record HeadlineStats(
    string? From,
    string To,
    int Changesets,
    int Developers,
    int Employers,
    long LinesAdded,
    long LinesRemoved,
    int Reviews,
    int Tests,
    int Reports);

/// <summary>Growth against the previous release in percent (one decimal); null where the previous figure is 0.</summary>
public sealed record Growth(double? Changesets, double? Developers, double? Employers);

/// <summary>One developer's contribution to a range.</summary>
/// <param name="Name">The name (after .mailmap and aliases).</param>
/// <param name="Email">The address of the developer's newest commit in the range.</param>
/// <param name="Employer">The employer at the developer's newest commit in the range.</param>
/// <param name="Changesets">Non-merge commits authored.</param>
/// <param name="LinesAdded">Lines added.</param>
/// <param name="LinesRemoved">Lines removed.</param>
/// <param name="Reviews">Reviewed-by and Acked-by trailers naming the developer.</param>
/// <param name="Tests">Tested-by trailers naming the developer.</param>
/// <param name="Reports">Reported-by trailers naming the developer.</param>
/// <param name="Share">Share of the range's changesets in percent (one decimal).</param>
public sealed record DeveloperStats(string Name, string Email, string Employer, int Changesets, long LinesAdded, long LinesRemoved, int Reviews, int Tests, int Reports, double Share);

/// <summary>One employer's contribution to a range.</summary>
/// <param name="Employer">The employer's name, or <c>(Unknown)</c>.</param>
/// <param name="Changesets">Non-merge commits authored while employed there.</param>
/// <param name="Developers">Distinct developers with such commits.</param>
/// <param name="LinesAdded">Lines added.</param>
/// <param name="LinesRemoved">Lines removed.</param>
/// <param name="Reviews">Reviews given by people employed there at the time.</param>
/// <param name="Share">Share of the range's changesets in percent (one decimal).</param>
public sealed record EmployerStats(string Employer, int Changesets, int Developers, long LinesAdded, long LinesRemoved, int Reviews, double Share);

/// <summary>One person named in review, test or report trailers.</summary>
/// <param name="Name">The name (after aliases; matched to an author by address where possible).</param>
/// <param name="Email">The address.</param>
/// <param name="Employer">The employer at the newest trailer in the range.</param>
/// <param name="Reviews">Reviewed-by and Acked-by trailers.</param>
/// <param name="Tests">Tested-by trailers.</param>
/// <param name="Reports">Reported-by trailers.</param>
public sealed record ReviewerStats(string Name, string Email, string Employer, int Reviews, int Tests, int Reports);
