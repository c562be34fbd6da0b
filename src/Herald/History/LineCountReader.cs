namespace Herald.History;

/// <summary>
/// Reads the lines each commit added and removed, for a list of commits, with one
/// <c>git log --no-walk --numstat --stdin</c> process: the diff is git's cost, the text is minimal.
/// </summary>
public static class LineCountReader
{
    /// <summary>Reads the line counts of <paramref name="commits"/> (full ids); merges count nothing.</summary>
    public static IEnumerable<(string Sha, LineCounts Counts)> Read(GitRepository repository, IReadOnlyCollection<string> commits)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(commits);
        if (commits.Count == 0)
        {
            return [];
        }

        var input = string.Join('\n', commits) + "\n";
        return repository.Stream(
            ["log", "-z", "--no-walk=unsorted", "--numstat", "-M", "--format=%x1e%H", "--stdin"],
            stream => Parse(stream).ToList(),
            input);
    }

    /// <summary>Parses <c>-z --numstat --format=%x1e%H</c> output.</summary>
    internal static IEnumerable<(string Sha, LineCounts Counts)> Parse(Stream stream)
    {
        var reader = new NulTokenReader(stream);
        var results = new List<(string, LineCounts)>();
        string? sha = null;
        long added = 0, removed = 0;
        int files = 0;
        var pendingPaths = 0;
        while (reader.TryRead(out var token))
        {
            if (pendingPaths > 0)
            {
                pendingPaths--;
                continue;
            }

            if (token.Length > 0 && token[0] == 0x1e)
            {
                if (sha is not null)
                {
                    results.Add((sha, new LineCounts(Clamp(added), Clamp(removed), files)));
                }

                var end = token.IndexOf((byte)'\n');
                sha = GitText.Decode(end < 0 ? token[1..] : token[1..end]);
                added = removed = 0;
                files = 0;
                continue;
            }

            if (token.Length > 0 && token[0] == (byte)'\n')
            {
                token = token[1..];
            }

            if (token.IsEmpty || sha is null)
            {
                continue;
            }

            var (a, r, isRename) = CommitReader.ParseNumstatCounts(token);
            added += a ?? 0;
            removed += r ?? 0;
            files++;
            if (isRename)
            {
                pendingPaths = 2;
            }
        }

        if (sha is not null)
        {
            results.Add((sha, new LineCounts(Clamp(added), Clamp(removed), files)));
        }

        return results;
    }

    private static int Clamp(long value) => (int)Math.Min(value, int.MaxValue);
}
