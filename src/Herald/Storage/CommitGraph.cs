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
    /// The commits reachable from <paramref name="tip"/> and not from <paramref name="exclude"/> (git's
    /// <c>exclude..tip</c>; every commit of <paramref name="tip"/> when it is null), in the branch's order as
    /// <c>git log --topo-order</c> shows it, whatever the dates say: no commit before its children, and the
    /// lines of history a merge joins kept apart (the merged line first, then the first parent's). Empty when
    /// <paramref name="tip"/> is unknown.
    /// </summary>
    public IReadOnlyList<string> History(string tip, string? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(tip);
        if (!_index.TryGetValue(tip, out var start))
        {
            return [];
        }

        var excluded = new bool[_shas.Length];
        if (exclude is not null && _index.TryGetValue(exclude, out var bottom))
        {
            Mark(bottom, excluded);
        }

        // Reverse post-order of a depth-first walk that takes the first parent first: the first parent's line
        // finishes first, so once reversed the merged line comes before it, as git shows it. Iterative: a
        // linear history is tens of thousands of commits deep.
        var done = new List<int>();
        var state = new byte[_shas.Length];
        var stack = new Stack<(int Node, int Next)>();
        if (!excluded[start])
        {
            stack.Push((start, 0));
            state[start] = 1;
        }

        while (stack.TryPop(out var frame))
        {
            var (node, next) = frame;
            var parents = _parents[node];
            while (next < parents.Length && (excluded[parents[next]] || state[parents[next]] != 0))
            {
                next++;
            }

            if (next == parents.Length)
            {
                state[node] = 2;
                done.Add(node);
                continue;
            }

            var parent = parents[next];
            stack.Push((node, next + 1));
            state[parent] = 1;
            stack.Push((parent, 0));
        }

        var result = new string[done.Count];
        for (var i = 0; i < done.Count; i++)
        {
            result[i] = _shas[done[done.Count - 1 - i]];
        }

        return result;
    }

    private void Mark(int start, bool[] marked)
    {
        var stack = new Stack<int>();
        marked[start] = true;
        stack.Push(start);
        while (stack.TryPop(out var current))
        {
            foreach (var parent in _parents[current])
            {
                if (!marked[parent])
                {
                    marked[parent] = true;
                    stack.Push(parent);
                }
            }
        }
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

    /// <summary>
    /// The commits reachable from <paramref name="tip"/> (itself included), as a test on commit ids: one walk of
    /// the history, then every answer in constant time. Nothing is reachable from an unknown tip.
    /// </summary>
    public Func<string, bool> ReachableFrom(string tip)
    {
        ArgumentNullException.ThrowIfNull(tip);
        var reached = new System.Collections.BitArray(_shas.Length);
        if (_index.TryGetValue(tip, out var start))
        {
            reached[start] = true;
            var stack = new Stack<int>();
            stack.Push(start);
            while (stack.TryPop(out var current))
            {
                foreach (var parent in _parents[current])
                {
                    if (!reached[parent])
                    {
                        reached[parent] = true;
                        stack.Push(parent);
                    }
                }
            }
        }

        return sha => _index.TryGetValue(sha, out var at) && reached[at];
    }
}
