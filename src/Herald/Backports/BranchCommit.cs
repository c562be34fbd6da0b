namespace Herald.Backports;

/// <summary>A non-merge commit on a stable branch that master does not have, as the backport scan sees it.</summary>
/// <param name="Sha">The commit id.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Date">The committer date: when the commit reached the branch (a cherry-pick keeps the original author date).</param>
/// <param name="MasterCommit">The master commit it copies, from a trailer (possibly abbreviated) or a patch-id match; null when none.</param>
/// <param name="MatchedBy">How <paramref name="MasterCommit"/> was found: "trailer", "cherry-pick", "patch-id", or null.</param>
/// <param name="Advisories">The advisories the message names.</param>
/// <param name="Fixes">
/// The commits its <c>Fixes:</c> trailers name, in message order: full ids where the repository has
/// exactly one commit of that abbreviation, else as written (lower case).
/// </param>
public sealed record BranchCommit(string Sha, string Subject, DateTimeOffset Date, string? MasterCommit, string? MatchedBy, IReadOnlyList<string> Advisories, IReadOnlyList<string> Fixes)
{
    /// <summary>The kinds of the commit: backport and/or security, else other.</summary>
    public IReadOnlyList<BackportKind> Kinds
    {
        get
        {
            var kinds = new List<BackportKind>(2);
            if (MasterCommit is not null)
            {
                kinds.Add(BackportKind.Backport);
            }

            if (Advisories.Count > 0)
            {
                kinds.Add(BackportKind.Security);
            }

            if (kinds.Count == 0)
            {
                kinds.Add(BackportKind.Other);
            }

            return kinds;
        }
    }
}
