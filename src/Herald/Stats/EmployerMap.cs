using System.Globalization;
using System.Reflection;

namespace Herald.Stats;

/// <summary>
/// A gitdm <c>domain-map</c>: lines <c>domain-or-address Employer</c> or
/// <c>domain-or-address Employer &lt; yyyy-mm-dd</c> (that employer until that date, exclusive),
/// <c>#</c> comments. An address is looked up in full, then by its domain and each parent domain;
/// unmapped addresses belong to <see cref="Unknown"/>.
/// </summary>
public sealed class EmployerMap
{
    /// <summary>The employer of addresses no entry maps.</summary>
    public const string Unknown = "(Unknown)";

    private readonly Dictionary<string, Entry[]> _entries;

    private EmployerMap(Dictionary<string, Entry[]> entries) => _entries = entries;

    /// <summary>A map with no entries: everyone is <see cref="Unknown"/>.</summary>
    public static EmployerMap Empty { get; } = new(new Dictionary<string, Entry[]>(StringComparer.OrdinalIgnoreCase));

    /// <summary>The number of addresses and domains mapped.</summary>
    public int Count => _entries.Count;

    /// <summary>Herald's built-in map of well-known company domains.</summary>
    public static EmployerMap BuiltIn { get; } = LoadBuiltIn();

    /// <summary>Reads a domain-map file; malformed lines are errors naming the file and line.</summary>
    public static EmployerMap Load(string path) => Parse(GitdmAliases.ReadLines(path), path);

    /// <summary>Parses domain-map lines; <paramref name="source"/> names them in errors.</summary>
    public static EmployerMap Parse(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var entries = new Dictionary<string, List<Entry>>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = GitdmAliases.StripComment(raw);
            if (line.Length == 0)
            {
                continue;
            }

            var split = line.IndexOfAny([' ', '\t']);
            if (split < 0)
            {
                throw new HeraldException($"{source}:{number}: expected 'domain Employer' or 'domain Employer < yyyy-mm-dd', found '{raw.Trim()}'.");
            }

            var key = line[..split].Trim().TrimStart('@');
            var employer = line[split..].Trim();
            DateOnly? until = null;
            var less = employer.LastIndexOf('<');
            if (less >= 0)
            {
                var dateText = employer[(less + 1)..].Trim();
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw new HeraldException($"{source}:{number}: '{dateText}' is not a date; write the end date as yyyy-mm-dd, e.g. 'Citrix < 2023-01-31'.");
                }

                until = date;
                employer = employer[..less].Trim();
            }

            if (employer.Length == 0)
            {
                throw new HeraldException($"{source}:{number}: no employer named for '{key}'.");
            }

            if (!entries.TryGetValue(key, out var list))
            {
                entries[key] = list = [];
            }

            list.Add(new Entry(employer, until));
        }

        return new EmployerMap(entries.ToDictionary(
            e => e.Key,
            e => e.Value.OrderBy(x => x.Until ?? DateOnly.MaxValue).ToArray(),
            StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// This map with <paramref name="overrides"/> on top: a key the overrides name takes only their entries.
    /// </summary>
    public EmployerMap With(EmployerMap overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var merged = new Dictionary<string, Entry[]>(_entries, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in overrides._entries)
        {
            merged[key] = value;
        }

        return new EmployerMap(merged);
    }

    /// <summary>The employer of <paramref name="email"/> on <paramref name="date"/>.</summary>
    public string EmployerOf(string email, DateTimeOffset date)
    {
        if (string.IsNullOrEmpty(email) || _entries.Count == 0)
        {
            return Unknown;
        }

        var day = DateOnly.FromDateTime(date.UtcDateTime);
        if (_entries.TryGetValue(email, out var exact) && Pick(exact, day) is { } byAddress)
        {
            return byAddress;
        }

        var at = email.LastIndexOf('@');
        var domain = at >= 0 ? email[(at + 1)..] : email;

        // Old commits carry addresses such as "user@host.example.com[user]": the suffix is not part of the domain.
        var bracket = domain.IndexOf('[');
        if (bracket >= 0)
        {
            domain = domain[..bracket];
        }

        while (domain.Length > 0)
        {
            if (_entries.TryGetValue(domain, out var entries) && Pick(entries, day) is { } byDomain)
            {
                return byDomain;
            }

            var dot = domain.IndexOf('.');
            if (dot < 0)
            {
                break;
            }

            domain = domain[(dot + 1)..];
        }

        return Unknown;
    }

    /// <summary>The entry in force on <paramref name="day"/>, or null when every entry ended before it.</summary>
    private static string? Pick(Entry[] entries, DateOnly day)
    {
        foreach (var entry in entries)
        {
            if (entry.Until is not { } until || day < until)
            {
                return entry.Employer;
            }
        }

        return null;
    }

    private static EmployerMap LoadBuiltIn()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Herald.Stats.default-domain-map")
            ?? throw new InvalidOperationException("the built-in domain map is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return Parse(lines, "built-in domain map");
    }

    private readonly record struct Entry(string Employer, DateOnly? Until);
}
