using Tomlyn;
using Tomlyn.Model;

namespace Herald.Configuration;

/// <summary>
/// One table of a <see cref="TomlDocument"/>, its dotted path (<c>downloads.s3</c>; empty at the top level)
/// and the keys it may hold. Its readers take a key once and name it by its full dotted path in errors,
/// which give the file and the key's line: a wrong type, a bad value, an unknown key.
/// </summary>
internal sealed class TomlSection
{
    private readonly TomlDocument _document;
    private readonly TomlTable _table;
    private readonly string[] _keys;

    private TomlSection(TomlDocument document, TomlTable table, string path, string[] keys, bool isPresent)
    {
        _document = document;
        _table = table;
        _keys = keys;
        Path = path;
        IsPresent = isPresent;
    }

    /// <summary>The dotted path of the table, e.g. <c>policy.rule</c>; empty for the top level.</summary>
    public string Path { get; }

    /// <summary>Whether the file has the table; a missing one reads as empty.</summary>
    public bool IsPresent { get; }

    /// <summary>The configuration file.</summary>
    public string FilePath => _document.Path;

    /// <summary>The folder of the configuration file, which relative paths in it are relative to.</summary>
    public string Folder => _document.Folder;

    /// <summary>
    /// The top level of <paramref name="document"/>, which may hold <paramref name="keys"/>. Unlike child
    /// tables, unknown keys are not rejected yet (see <see cref="RejectUnknownKeys"/>): a reader may first check
    /// what decides how to read the rest, such as the configuration version.
    /// </summary>
    public static TomlSection Root(TomlDocument document, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new TomlSection(document, document.Root, string.Empty, keys, isPresent: true);
    }

    /// <summary>The full dotted name of <paramref name="key"/>, e.g. <c>downloads.s3.region</c>.</summary>
    public string NameOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>Whether the table holds the table <paramref name="key"/>; an error when <paramref name="key"/> holds something else.</summary>
    public bool HasTable(string key)
    {
        if (!TryGet(key, out var value))
        {
            return false;
        }

        if (value is not TomlTable)
        {
            throw Error(key, $"'{NameOf(key)}' must be a table ([{NameOf(key)}]).");
        }

        return true;
    }

    /// <summary>Throws for the first key of the table that is not one of its declared keys.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var key in _table.Keys)
        {
            if (!_keys.Contains(key, StringComparer.Ordinal))
            {
                var where = Path.Length == 0 ? "at the top level" : $"in [{Path}]";
                throw Error(key, $"unknown key '{key}' {where}; known keys: {string.Join(", ", _keys)}.");
            }
        }
    }

    /// <summary>
    /// Throws <paramref name="message"/>, naming the file and the line, when the table <paramref name="table"/>
    /// holds <paramref name="key"/>: a key refused for a reason (a secret written in the file), checked before
    /// <see cref="Table"/> so that the reason, not "unknown key", is the error.
    /// </summary>
    public void RejectKeyIn(string table, string key, string message)
    {
        if (TryGet(table, out var value) && value is TomlTable child && child.ContainsKey(key))
        {
            var line = _document.LineOf(child, key);
            throw new HeraldException(line > 0 ? $"{FilePath}:{line}: {message}" : $"{FilePath}: {message}");
        }
    }

    /// <summary>The table <paramref name="key"/>, which may hold <paramref name="keys"/>; empty (not present) when absent.</summary>
    public TomlSection Table(string key, params string[] keys)
    {
        if (!HasTable(key))
        {
            return new TomlSection(_document, new TomlTable(), NameOf(key), keys, isPresent: false);
        }

        return Checked(new TomlSection(_document, (TomlTable)_table[key], NameOf(key), keys, isPresent: true));
    }

    /// <summary>The tables of the array <paramref name="key"/>, each of which may hold <paramref name="keys"/>; empty when absent.</summary>
    public IReadOnlyList<TomlSection> TableArray(string key, params string[] keys)
    {
        if (!TryGet(key, out var value))
        {
            return [];
        }

        var array = value as TomlTableArray ?? throw Error(key, $"'{NameOf(key)}' must be an array of tables ([[{NameOf(key)}]]).");
        return [.. array.Select(table => Checked(new TomlSection(_document, table, NameOf(key), keys, isPresent: true)))];
    }

    /// <summary>A string; null when the key is absent.</summary>
    public string? String(string key) =>
        !TryGet(key, out var value) ? null
        : value as string ?? throw Error(key, $"'{NameOf(key)}' must be a string in quotes, not {TomlDocument.Describe(value)}.");

    /// <summary>A string, or an array of strings (at least one), as a list; null when the key is absent.</summary>
    public IReadOnlyList<string>? Strings(string key)
    {
        if (!TryGet(key, out var value))
        {
            return null;
        }

        if (value is string one)
        {
            return [one];
        }

        if (value is TomlArray array && array.Count > 0 && array.All(item => item is string))
        {
            return [.. array.Cast<string>()];
        }

        throw Error(key, $"'{NameOf(key)}' must be a string in quotes or a list of them (e.g. [\"v{{version}}\", \"{{version}}\"]), not {TomlDocument.Describe(value)}.");
    }

    /// <summary>True or false; null when the key is absent.</summary>
    public bool? Boolean(string key) =>
        !TryGet(key, out var value) ? null
        : value is bool b ? b : throw Error(key, $"'{NameOf(key)}' must be true or false, not {TomlDocument.Describe(value)}.");

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>; null when the key is absent.</summary>
    public int? Integer(string key, int minimum, int maximum)
    {
        if (!TryGet(key, out var value))
        {
            return null;
        }

        if (value is not long number)
        {
            throw Error(key, $"'{NameOf(key)}' must be a whole number, not {TomlDocument.Describe(value)}.");
        }

        if (number < minimum || number > maximum)
        {
            throw Error(key, $"'{NameOf(key)}' is {number}; it must be between {minimum} and {maximum}.");
        }

        return (int)number;
    }

    /// <summary>A date, as a TOML local date or a <c>yyyy-mm-dd</c> string; null when the key is absent.</summary>
    public DateOnly? Date(string key) =>
        !TryGet(key, out var value) ? null
        : value switch
        {
            TomlDateTime t when t.Kind is TomlDateTimeKind.LocalDate => DateOnly.FromDateTime(t.DateTime.DateTime),
            string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", out var d) => d,
            _ => throw Error(key, $"'{NameOf(key)}' must be a date written as yyyy-mm-dd (e.g. 2027-12-12), not {TomlDocument.Describe(value)}."),
        };

    /// <summary>An absolute http or https URL; null when the key is absent.</summary>
    public Uri? HttpUrl(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw Error(key, $"{NameOf(key)} \"{text}\" must be an absolute http or https URL, e.g. \"https://downloads.example.org\".");
    }

    /// <summary>An error about <paramref name="key"/>: the file, the key's line (when known) and <paramref name="message"/>.</summary>
    public HeraldException Error(string key, string message)
    {
        var line = _document.LineOf(_table, key);
        return new HeraldException(line > 0 ? $"{FilePath}:{line}: {message}" : $"{FilePath}: {message}");
    }

    /// <summary>An error about the whole table, e.g. a key it lacks: the file and <paramref name="message"/>.</summary>
    public HeraldException Error(string message) => new($"{FilePath}: {message}");

    /// <summary>The raw value of <paramref name="key"/>, for a reader the typed ones do not cover.</summary>
    public bool TryGet(string key, out object value) => _table.TryGetValue(Declared(key), out value!);

    private static TomlSection Checked(TomlSection section)
    {
        section.RejectUnknownKeys();
        return section;
    }

    // A parser reading a key it did not declare would accept it in no file: a mistake in Herald, not the file.
    private string Declared(string key) =>
        _keys.Contains(key, StringComparer.Ordinal)
            ? key
            : throw new InvalidOperationException($"'{key}' is not a declared key of [{Path}]; add it to the section's keys.");
}
