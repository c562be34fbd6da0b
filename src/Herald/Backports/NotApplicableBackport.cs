namespace Herald.Backports;

/// <summary>
/// A fix a newer supported series has that this one does not need: the code it repairs came after the
/// branch forked and never reached it.
/// </summary>
/// <param name="Sha">The mainline commit.</param>
/// <param name="Subject">Its subject (as backported).</param>
/// <param name="Fixes">The full ids of the commits its <c>Fixes:</c> trailers name (abbreviations resolved), none of which the branch has.</param>
/// <param name="IntroducedIn">The first release (X.Y.0) that contains one of <paramref name="Fixes"/>; null when none does yet or it is not known.</param>
/// <param name="PresentIn">The newer series that have the fix.</param>
/// <param name="Advisories">The advisories its backport names.</param>
public sealed record NotApplicableBackport(string Sha, string Subject, IReadOnlyList<string> Fixes, string? IntroducedIn, IReadOnlyList<string> PresentIn, IReadOnlyList<string> Advisories);
