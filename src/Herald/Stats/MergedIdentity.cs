namespace Herald.Stats;

/// <summary>One developer joined from several name variants (see <see cref="IdentityResolver.ExactNames"/>).</summary>
/// <param name="Name">The name shown: the variant with the most changesets (on a tie, the one with more
/// non-ASCII letters, then the newest).</param>
/// <param name="Variants">The developers <c>--exact-names</c> lists instead, most changesets first (then name).</param>
public sealed record MergedIdentity(string Name, IReadOnlyList<IdentityVariant> Variants);
