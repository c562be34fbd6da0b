namespace Herald.Stats;

/// <summary>How often each address was used (case-insensitive), and how new its newest use is.</summary>
internal sealed class AddressCounts
{
    private readonly Dictionary<string, (int Count, int Newest)> _counts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The addresses, as first written.</summary>
    public IEnumerable<string> Addresses => _counts.Keys;

    /// <summary>Records <paramref name="count"/> uses of <paramref name="email"/>, the newest at <paramref name="newest"/> (lower is newer).</summary>
    public void Add(string email, int newest, int count = 1)
    {
        _counts[email] = _counts.TryGetValue(email, out var known)
            ? (known.Count + count, Math.Min(known.Newest, newest))
            : (count, newest);
    }

    /// <summary>Adds every use <paramref name="other"/> recorded.</summary>
    public void AddAll(AddressCounts other)
    {
        foreach (var (email, (count, newest)) in other._counts)
        {
            Add(email, newest, count);
        }
    }

    /// <summary>The most used address (see <see cref="IdentityMerger.PickEmail"/>).</summary>
    public string MostUsed() => IdentityMerger.PickEmail(_counts.Select(c => (c.Key, c.Value.Count, c.Value.Newest)));
}
