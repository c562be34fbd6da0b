using System.Text;
using System.Text.RegularExpressions;

namespace Herald.Search;

/// <summary>
/// What a visitor typed, made safe for the full-text index: terms split on white space, each term's words
/// (runs of letters and digits) kept, and nothing else. The full-text query is built from those words only,
/// each term as one quoted prefix phrase, so that no operator or quote the visitor typed reaches the query
/// language of either database (FTS5 <c>NEAR(</c>, <c>OR</c>, <c>"</c>, <c>*</c>; tsquery <c>&amp;</c>, <c>!</c>, <c>:</c>).
/// </summary>
public sealed partial class SearchQuery
{
    /// <summary>The longest query accepted, in characters.</summary>
    public const int MaxLength = 200;

    /// <summary>The most terms used; later ones are ignored.</summary>
    public const int MaxTerms = 8;

    /// <summary>The shortest hexadecimal term taken as a commit id prefix.</summary>
    public const int MinShaPrefix = 4;

    private SearchQuery(string text, IReadOnlyList<IReadOnlyList<string>> terms, string? shaPrefix, string? version)
    {
        Text = text;
        Terms = terms;
        ShaPrefix = shaPrefix;
        Version = version;
    }

    /// <summary>The query as typed (trimmed).</summary>
    public string Text { get; }

    /// <summary>The terms, each as its words in lower case; empty when nothing searchable was typed.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Terms { get; }

    /// <summary>The commit id prefix (lower case) when the query is one hexadecimal term of 4 to 40 characters, else null.</summary>
    public string? ShaPrefix { get; }

    /// <summary>
    /// The version (lower case) when the query is one version or the start of one (<c>4.19</c>, <c>4.19.1</c>,
    /// <c>4.20.0-rc2</c>), else null: releases are then found by version, so that <c>1.2</c> finds 1.2.x and not
    /// 1.1.2, whose words hold the phrase "1 2" too.
    /// </summary>
    public string? Version { get; }

    /// <summary>Whether there is anything to look for.</summary>
    public bool IsEmpty => Terms.Count == 0 && ShaPrefix is null;

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="HeraldException">It is longer than <see cref="MaxLength"/> characters.</exception>
    public static SearchQuery Parse(string? text)
    {
        text = (text ?? string.Empty).Trim();
        if (text.Length > MaxLength)
        {
            throw new HeraldException($"the query has {text.Length} characters; at most {MaxLength} are searched.");
        }

        var terms = new List<IReadOnlyList<string>>();
        foreach (var term in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var words = Words(term);
            if (words.Count > 0 && terms.Count < MaxTerms)
            {
                terms.Add(words);
            }
        }

        var sha = !text.Contains(' ', StringComparison.Ordinal) && text.Length is >= MinShaPrefix and <= 40 && text.All(char.IsAsciiHexDigit)
            ? text.ToLowerInvariant()
            : null;
        var version = VersionPattern().IsMatch(text) ? text.ToLowerInvariant() : null;
        return new SearchQuery(text, terms, sha, version);
    }

    /// <summary>The runs of letters and digits in <paramref name="text"/>, lower case.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>
    /// The SQLite FTS5 query: each term a quoted phrase of its words with a prefix star on the last
    /// (<c>"x86 hvm"*</c>), the terms all required. Words hold letters and digits only; a quote would be doubled.
    /// A last word of one character is matched whole: as a prefix it would merge the lists of a large part of all words.
    /// </summary>
    public string ToFts5() =>
        string.Join(' ', Terms.Select(words => "\"" + string.Join(' ', words).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (IsPrefix(words) ? "*" : string.Empty)));

    /// <summary>
    /// The PostgreSQL <c>to_tsquery</c> text: each term a phrase of its words with a prefix match on the last
    /// (<c>(x86 &lt;-&gt; hvm:*)</c>), the terms joined by <c>&amp;</c>. Given as a parameter, never as SQL.
    /// </summary>
    public string ToTsQuery() =>
        string.Join(" & ", Terms.Select(words => "(" + string.Join(" <-> ", words.Select(Quote).Select((w, i) => i == words.Count - 1 && IsPrefix(words) ? w + ":*" : w)) + ")"));

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)*(-rc[0-9]*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    private static bool IsPrefix(IReadOnlyList<string> words) => words[^1].Length > 1;

    // Letters and digits need no quoting in tsquery text; the quotes keep any the parser might read otherwise literal.
    private static string Quote(string word) => "'" + word.Replace("'", "''", StringComparison.Ordinal).Replace("\\", "\\\\", StringComparison.Ordinal) + "'";
}
