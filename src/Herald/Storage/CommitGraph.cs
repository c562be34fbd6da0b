namespace Herald.Storage;

/// <summary>
/// The commit graph of the index in memory (ids, parents, commit times): enough to list a ref's log page
/// by page and to answer reachability without git, as the portal must.
/// </summary>
public sealed class CommitGraph
{
    private readonly Dictionary<string, int> _index;
    private readonly string[] _shas;
    private readonly int[][] _parents;
    private readonly long[] _times;

    private CommitGraph(Dictionary<string, int> index, string[] shas, int[][] parents, long[] times)
    {
        _index = index;
        _shas = shas;
        _parents = parents;
        _times = times;
    }

    /// <summary>The number of commits.</summary>
    public int Count => _shas.Length;

    /// <summary>Builds the graph from (id, space-separated parents, commit time) triples.</summary>
    public static CommitGraph Build(IReadOnlyList<(string Sha, string Parents, long CommitTime)> commits)
    {
        ArgumentNullException.ThrowIfNull(commits);
        var index = new Dictionary<string, int>(commits.Count, StringComparer.Ordinal);
        var shas = new string[commits.Count];
        var times = new long[commits.Count];
        for (var i = 0; i < commits.Count; i++)
        {
            index[commits[i].Sha] = i;
            shas[i] = commits[i].Sha;
            times[i] = commits[i].CommitTime;
        }

        var parents = new int[commits.Count][];
        for (var i = 0; i < commits.Count; i++)
        {
            parents[i] = commits[i].Parents.Length == 0
                ? []
                : commits[i].Parents.Split(' ').Select(p => index.TryGetValue(p, out var at) ? at : -1).Where(at => at >= 0).ToArray();
        }

        return new CommitGraph(index, shas, parents, times);
    }

    /// <summary>Whether the graph holds <paramref name="sha"/>.</summary>
    public bool Contains(string sha) => _index.ContainsKey(sha);

    /// <summary>The full id of an abbreviation (at least 7 hex digits) when exactly one commit has it, else null.</summary>
    public string? Expand(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (_index.ContainsKey(prefix))
        {
            return prefix;
        }

        if (prefix.Length < 7 || !prefix.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        var lower = prefix.ToLowerInvariant();
        string? found = null;
        foreach (var sha in _shas)
        {
            if (sha.StartsWith(lower, StringComparison.Ordinal))
            {
                if (found is not null)
                {
                    return null;
                }

                found = sha;
            }
        }

        return found;
    }

    /// <summary>
    /// The commits reachable from <paramref name="tip"/>, newest commit time first (git log's order),
    /// skipping <paramref name="skip"/> and returning at most <paramref name="take"/>.
    /// </summary>
    public IReadOnlyList<string> Log(string tip, int skip, int take)
    {
        var result = new List<string>(Math.Max(0, take));
        if (!_index.TryGetValue(tip, out var start) || take <= 0)
        {
            return result;
        }

        var seen = new HashSet<int> { start };
        var queue = new PriorityQueue<int, (long, int)>();
        queue.Enqueue(start, (-_times[start], start));
        var position = 0;
        while (queue.TryDequeue(out var current, out _))
        {
            if (position++ >= skip)
            {
                result.Add(_shas[current]);
                if (result.Count == take)
                {
                    break;
                }
            }

            foreach (var parent in _parents[current])
            {
                if (seen.Add(parent))
                {
                    queue.Enqueue(parent, (-_times[parent], parent));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Whether <paramref name="ancestor"/> is reachable from <paramref name="descendant"/>. The walk stops
    /// at commits a day older than the ancestor (commit times only grow along history, give or take skew).
    /// </summary>
    public bool IsAncestor(string ancestor, string descendant)
    {
        if (!_index.TryGetValue(ancestor, out var target) || !_index.TryGetValue(descendant, out var start))
        {
            return false;
        }

        var floor = _times[target] - 86_400;
        var seen = new HashSet<int> { start };
        var stack = new Stack<int>();
        stack.Push(start);
        while (stack.TryPop(out var current))
        {
            if (current == target)
            {
                return true;
            }

            foreach (var parent in _parents[current])
            {
                if (_times[parent] >= floor && seen.Add(parent))
                {
                    stack.Push(parent);
                }
            }
        }

        return false;
    }
}
