using Herald.History;

namespace Herald.Releases;

/// <summary>Finds the first release that contains a commit, with a few cheap ancestry checks.</summary>
public static class ReleaseLocator
{
    /// <summary>
    /// The first of <paramref name="ordered"/> (oldest first, each containing the ones before it, as the
    /// releases of one branch do) whose tag contains <paramref name="commit"/>; null when none does.
    /// A binary search: about log2(n) <c>git merge-base --is-ancestor</c> checks.
    /// </summary>
    public static Release? FirstContaining(GitRepository repository, string commit, IReadOnlyList<Release> ordered)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(ordered);
        int low = 0, high = ordered.Count - 1;
        Release? found = null;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (IsAncestor(repository, commit, ordered[middle].Commit))
            {
                found = ordered[middle];
                high = middle - 1;
            }
            else
            {
                low = middle + 1;
            }
        }

        return found;
    }

    /// <summary>Whether <paramref name="ancestor"/> is reachable from <paramref name="descendant"/>.</summary>
    public static bool IsAncestor(GitRepository repository, string ancestor, string descendant)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return repository.TryRun(out _, "merge-base", "--is-ancestor", "--end-of-options", ancestor, descendant);
    }
}
