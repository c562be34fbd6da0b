namespace Herald.Stats;

/// <summary>
/// A gitdm <c>aliases</c> file: lines <c>alias@address canonical@address</c>, <c>#</c> comments. It says
/// that commits from the alias address belong to the person of the canonical address.
/// </summary>
public sealed class GitdmAliases
{
    private readonly Dictionary<string, string> _canonical;

    private GitdmAliases(Dictionary<string, string> canonical) => _canonical = canonical;

    /// <summary>No aliases.</summary>
    public static GitdmAliases Empty { get; } = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    /// <summary>The number of alias addresses.</summary>
    public int Count => _canonical.Count;

    /// <summary>Reads an aliases file; malformed lines are errors naming the file and line.</summary>
    public static GitdmAliases Load(string path)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        foreach (var raw in ReadLines(path))
        {
            number++;
            var line = StripComment(raw);
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new HeraldException($"{path}:{number}: expected 'alias@address canonical@address', found '{raw.Trim()}'.");
            }

            map[parts[0]] = parts[1];
        }

        // Canonical addresses are their own canonical; chains (a → b → c) resolve to their end.
        foreach (var alias in map.Keys.ToList())
        {
            var target = map[alias];
            for (var hops = 0; hops < 16 && map.TryGetValue(target, out var next) && !next.Equals(target, StringComparison.OrdinalIgnoreCase); hops++)
            {
                target = next;
            }

            map[alias] = target;
        }

        foreach (var canonical in map.Values.Distinct(StringComparer.OrdinalIgnoreCase).ToList())
        {
            map.TryAdd(canonical, canonical);
        }

        return new GitdmAliases(map);
    }

    /// <summary>The canonical address of <paramref name="email"/>, or null when no alias names it.</summary>
    public string? CanonicalOf(string email) => _canonical.GetValueOrDefault(email);

    internal static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HeraldException($"{path}: cannot read ({e.Message}).", e);
        }
    }

    internal static string StripComment(string line)
    {
        var hash = line.IndexOf('#');
        return (hash >= 0 ? line[..hash] : line).Trim();
    }
}
