namespace Herald.History;

/// <summary>
/// The subsystem a commit subject names before its colon, as projects like Xen write them:
/// <c>x86/ucode: …</c> → <c>x86/ucode</c>, <c>tools/libxl: …</c> → <c>tools/libxl</c>.
/// </summary>
public static class SubjectPrefix
{
    /// <summary>The group subjects without a recognisable prefix fall into.</summary>
    public const string Other = "(other)";

    /// <summary>The prefix of <paramref name="subject"/>, or <see cref="Other"/>.</summary>
    public static string Of(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var colon = subject.IndexOf(':');
        if (colon <= 0 || colon > 48)
        {
            return Other;
        }

        var prefix = subject[..colon].Trim();
        if (prefix.Length == 0 || prefix.Count(c => c == ' ') > 1 || prefix.StartsWith("Revert", StringComparison.Ordinal))
        {
            return Other;
        }

        return prefix;
    }

    /// <summary>
    /// <paramref name="items"/> grouped by the prefix of their subject, spellings that differ only in case
    /// (<c>x86/HVM</c>, <c>x86/hvm</c>) being one group named by its most frequent spelling; largest group
    /// first, then by name (ordinal). Items keep their order within a group.
    /// </summary>
    public static IReadOnlyList<IGrouping<string, T>> Group<T>(IEnumerable<T> items, Func<T, string> subject)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(subject);
        var prefixed = items.Select(item => (Item: item, Prefix: Of(subject(item)))).ToList();
        var names = prefixed
            .GroupBy(p => p.Prefix, StringComparer.OrdinalIgnoreCase)
            .SelectMany(g =>
            {
                var name = g.GroupBy(p => p.Prefix, StringComparer.Ordinal).OrderByDescending(s => s.Count()).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key;
                return g.Select(p => p.Prefix).Distinct(StringComparer.Ordinal).Select(spelling => (spelling, name));
            })
            .ToDictionary(p => p.spelling, p => p.name, StringComparer.Ordinal);
        return prefixed
            .GroupBy(p => names[p.Prefix], p => p.Item, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
    }
}
