namespace Herald.Advisories;

/// <summary>An advisory's fix on the mainline branch.</summary>
/// <param name="Branch">The mainline branch (<c>master</c>).</param>
/// <param name="Commits">The full ids of the fix commits the mainline holds.</param>
/// <param name="FirstRelease">The first series-opening release (<c>X.Y.0</c>) containing all of them, or null while in none.</param>
public sealed record AdvisoryMainline(string Branch, IReadOnlyList<string> Commits, string? FirstRelease);
