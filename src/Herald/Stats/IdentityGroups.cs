namespace Herald.Stats;

/// <summary>
/// Groups author names into people: a name is a person, and the aliases file joins every name that
/// commits from an aliased address with the other names of that canonical address (union-find).
/// </summary>
internal sealed class IdentityGroups(IdentityResolver identities)
{
    private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="name"/> committed from <paramref name="email"/>; returns the name's key.</summary>
    public string Add(string name, string email)
    {
        var aliased = identities.DeveloperKey(name, email);
        if (aliased != name)
        {
            Union(name, aliased);
        }

        return name;
    }

    /// <summary>Whether an aliased key (<c>&lt;canonical&gt;</c>) has been joined with a name.</summary>
    public bool Knows(string key) => _parent.ContainsKey(key);

    /// <summary>The person (a name) <paramref name="key"/> belongs to.</summary>
    public string Find(string key)
    {
        if (!_parent.TryGetValue(key, out var parent))
        {
            return key;
        }

        var root = Find(parent);
        _parent[key] = root;
        return root;
    }

    private void Union(string a, string b)
    {
        var rootA = Find(a);
        var rootB = Find(b);
        if (rootA == rootB)
        {
            return;
        }

        // Names stay roots, so that a lookup by name finds the person.
        if (rootB.StartsWith('<'))
        {
            _parent[rootB] = rootA;
        }
        else
        {
            _parent[rootA] = rootB;
        }
    }
}
