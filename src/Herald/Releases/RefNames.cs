namespace Herald.Releases;

/// <summary>Finds the ref names closest to a pattern, to say what a pattern that matches nothing should have been.</summary>
public static class RefNames
{
    /// <summary>
    /// The <paramref name="count"/> names of <paramref name="names"/> closest to <paramref name="pattern"/>:
    /// numbers in a name and placeholders in the pattern both read as one symbol, then the edit distance
    /// ranks them (ties: the name sorted first).
    /// </summary>
    public static IReadOnlyList<string> Closest(string pattern, IEnumerable<string> names, int count)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(names);
        var shape = Shape(pattern, placeholders: true);
        return [.. names
            .Distinct(StringComparer.Ordinal)
            .Select(name => (Name: name, Distance: Distance(shape, Shape(name, placeholders: false))))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Name)];
    }

    // "RELEASE-{version}" and "RELEASE-4.19.0" both read "release-#".
    private static string Shape(string text, bool placeholders)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (placeholders && text[i] == '{' && text.IndexOf('}', i) is var close and > 0)
            {
                builder.Append('#');
                i = close;
            }
            else if (!placeholders && char.IsAsciiDigit(text[i]))
            {
                builder.Append('#');
                while (i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || (text[i + 1] is '.' or '_' && i + 2 < text.Length && char.IsAsciiDigit(text[i + 2]))))
                {
                    i++;
                }
            }
            else
            {
                builder.Append(char.ToLowerInvariant(text[i]));
            }
        }

        var shape = builder.ToString();
        while (placeholders && shape.Contains("#.#", StringComparison.Ordinal) | shape.Contains("#_#", StringComparison.Ordinal) | shape.Contains("##", StringComparison.Ordinal))
        {
            shape = shape.Replace("#.#", "#", StringComparison.Ordinal).Replace("#_#", "#", StringComparison.Ordinal).Replace("##", "#", StringComparison.Ordinal);
        }

        return shape;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
