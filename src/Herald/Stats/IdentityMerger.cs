using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;

namespace Herald.Stats;

/// <summary>
/// Joins developers that are one person under name variants (after .mailmap and the aliases file):
/// names equal after Unicode compatibility decomposition (NFKD), accent folding and case folding, or a
/// shared address that is not generic. Joins are transitive (union-find).
/// </summary>
/// <remarks>
/// An address is generic, and joins nobody, when it is empty, on <c>localhost</c>, a <c>noreply@</c> or
/// <c>no-reply@</c> address, or used by <see cref="SharedAddressLimit"/> or more different folded names:
/// such addresses belong to tools or to a team, not to one person.
/// </remarks>
internal static class IdentityMerger
{
    /// <summary>The number of different folded names from which an address counts as generic.</summary>
    public const int SharedAddressLimit = 3;

    // Invariant globalization mode leaves string.Normalize without data: the decompositions come from a table.
    private static readonly Lazy<FrozenDictionary<char, string>> s_decompositions = new(LoadDecompositions);

    /// <summary>The group of each of <paramref name="people"/>: indexes of the group's first member, in input order.</summary>
    public static int[] Group<T>(IReadOnlyList<T> people, Func<T, string> name, Func<T, IEnumerable<string>> emails)
    {
        ArgumentNullException.ThrowIfNull(people);
        var parent = Enumerable.Range(0, people.Count).ToArray();
        var folded = people.Select(p => Fold(name(p))).ToArray();
        var firstByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var usersByEmail = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < people.Count; i++)
        {
            if (!firstByName.TryAdd(folded[i], i))
            {
                Union(parent, firstByName[folded[i]], i);
            }

            foreach (var email in emails(people[i]).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!usersByEmail.TryGetValue(email, out var users))
                {
                    usersByEmail[email] = users = [];
                }

                users.Add(i);
            }
        }

        foreach (var (email, users) in usersByEmail)
        {
            if (users.Count < 2 || IsGenericAddress(email) || users.Select(u => folded[u]).Distinct(StringComparer.Ordinal).Count() >= SharedAddressLimit)
            {
                continue;
            }

            foreach (var user in users.Skip(1))
            {
                Union(parent, users[0], user);
            }
        }

        return Enumerable.Range(0, people.Count).Select(i => Find(parent, i)).ToArray();
    }

    /// <summary>
    /// The name compared: compatibility decomposition (NFKD) of its letters with the combining marks
    /// removed, lower case (invariant), white space trimmed and collapsed. "Roger Pau Monné", "roger pau
    /// MONNE" and "Ｒｏｇｅｒ Pau Monne" fold to the same name.
    /// </summary>
    public static string Fold(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var decompositions = s_decompositions.Value;
        var text = new System.Text.StringBuilder(name.Length);
        var space = false;
        foreach (var original in name)
        {
            foreach (var c in decompositions.TryGetValue(original, out var decomposed) ? decomposed : original.ToString())
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                {
                    continue;
                }

                if (char.IsWhiteSpace(c))
                {
                    space = text.Length > 0;
                    continue;
                }

                if (space)
                {
                    text.Append(' ');
                    space = false;
                }

                text.Append(char.ToLowerInvariant(c));
            }
        }

        return text.ToString();
    }

    /// <summary>Whether <paramref name="email"/> can never join two names by itself (see the remarks of the class).</summary>
    public static bool IsGenericAddress(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.LastIndexOf('@');
        var local = at < 0 ? email : email[..at];
        var domain = at < 0 ? string.Empty : email[(at + 1)..];
        return email.Trim().Length == 0
            || local.StartsWith("noreply", StringComparison.OrdinalIgnoreCase)
            || local.StartsWith("no-reply", StringComparison.OrdinalIgnoreCase)
            || domain.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || domain.StartsWith("localhost.", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The form that names a group: the one with the most changesets; on a tie the one with more
    /// non-ASCII letters (accents are more often dropped than added), then the newest (lowest
    /// <c>Newest</c>), then ordinal order.
    /// </summary>
    public static string PickName(IEnumerable<(string Name, int Count, int Newest)> forms) =>
        forms.OrderByDescending(f => f.Count)
            .ThenByDescending(f => f.Name.Count(c => c > '\u007f'))
            .ThenBy(f => f.Newest)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .First().Name;

    /// <summary>The address that represents a group: the most used; on a tie the newest, then ordinal order.</summary>
    public static string PickEmail(IEnumerable<(string Email, int Count, int Newest)> emails) =>
        emails.OrderByDescending(e => e.Count)
            .ThenBy(e => e.Newest)
            .ThenBy(e => e.Email, StringComparer.Ordinal)
            .First().Email;

    private static FrozenDictionary<char, string> LoadDecompositions()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Herald.Stats.name-folding")
            ?? throw new InvalidOperationException("The name-folding table is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<char, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            table[(char)int.Parse(line.AsSpan(0, tab), NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = line[(tab + 1)..];
        }

        return table.ToFrozenDictionary();
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var rootA = Find(parent, a);
        var rootB = Find(parent, b);
        if (rootA != rootB)
        {
            // The lower index stays root, so that a group is named by its first member in input order.
            parent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
        }
    }
}
