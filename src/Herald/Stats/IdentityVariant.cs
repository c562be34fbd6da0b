namespace Herald.Stats;

/// <summary>One of the forms a <see cref="MergedIdentity"/> joins: a developer as <c>--exact-names</c> counts it.</summary>
/// <param name="Name">The name (after .mailmap and aliases).</param>
/// <param name="Email">The address of the variant's newest commit.</param>
/// <param name="Changesets">Non-merge commits authored under this variant.</param>
public sealed record IdentityVariant(string Name, string Email, int Changesets);
