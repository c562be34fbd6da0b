using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;
using Tomlyn.Serialization;
using Tomlyn.Syntax;

namespace Herald.Configuration;

/// <summary>
/// A parsed TOML file that answers typed questions with errors naming the file, the line and the fix:
/// unknown keys, wrong types and bad values are all a <see cref="HeraldException"/>.
/// </summary>
internal sealed class TomlDocument
{
    private readonly TomlMetadataStore _metadata;

    private TomlDocument(string path, TomlTable root, TomlMetadataStore metadata)
    {
        Path = path;
        Root = root;
        _metadata = metadata;
    }

    public string Path { get; }

    public TomlTable Root { get; }

    public static TomlDocument Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HeraldException($"{path}: cannot read the configuration file ({e.Message}); check the path given with --config.", e);
        }

        var metadata = new TomlMetadataStore();
        try
        {
            RejectDuplicateKeys(text, path);
            var root = TomlSerializer.Deserialize<TomlTable>(text, new TomlSerializerOptions { SourceName = path, MetadataStore = metadata, DuplicateKeyHandling = TomlDuplicateKeyHandling.Error })
                ?? new TomlTable();
            return new TomlDocument(path, root, metadata);
        }
        catch (TomlException e)
        {
            var message = e.Message;
            var marker = message.IndexOf(": error : ", StringComparison.Ordinal);
            var detail = marker >= 0 ? message[(marker + 10)..] : message;
            throw new HeraldException($"{path}:{e.Line}: {detail.Trim()}; fix the TOML syntax on that line.", e);
        }
    }

    /// <summary>
    /// The syntax parser reports what the model reader lets pass (a key defined twice keeps its last
    /// value there): its first error becomes ours, naming the line.
    /// </summary>
    private static void RejectDuplicateKeys(string text, string path)
    {
        var document = SyntaxParser.Parse(text, path);
        var error = document.Diagnostics.FirstOrDefault(d => d.Kind == DiagnosticMessageKind.Error);
        if (error is not null)
        {
            throw new HeraldException($"{path}:{error.Span.Start.Line + 1}: {error.Message.TrimEnd('.')}; fix the TOML syntax on that line.");
        }
    }

    /// <summary>The 1-based line of <paramref name="key"/> in <paramref name="table"/>, or 0 when unknown.</summary>
    public int LineOf(TomlTable table, string key) =>
        _metadata.TryGetProperties(table, out var properties) && properties is not null && properties.TryGetProperty(key, out var property) && property is not null
            ? property.Span.Start.Line + 1
            : 0;

    public HeraldException Error(TomlTable table, string key, string message)
    {
        var line = LineOf(table, key);
        return new HeraldException(line > 0 ? $"{Path}:{line}: {message}" : $"{Path}: {message}");
    }

    /// <summary>Throws for the first key of <paramref name="table"/> not in <paramref name="known"/>.</summary>
    public void RejectUnknownKeys(TomlTable table, string tableName, params string[] known)
    {
        foreach (var key in table.Keys)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                var where = tableName.Length == 0 ? "at the top level" : $"in [{tableName}]";
                throw Error(table, key, $"unknown key '{key}' {where}; known keys: {string.Join(", ", known)}.");
            }
        }
    }

    public TomlTable? Table(TomlTable parent, string key, string name)
    {
        if (!parent.TryGetValue(key, out var value))
        {
            return null;
        }

        return value as TomlTable ?? throw Error(parent, key, $"'{name}' must be a table ([{name}]).");
    }

    public TomlTableArray? TableArray(TomlTable parent, string key, string name)
    {
        if (!parent.TryGetValue(key, out var value))
        {
            return null;
        }

        return value as TomlTableArray ?? throw Error(parent, key, $"'{name}' must be an array of tables ([[{name}]]).");
    }

    public string? String(TomlTable table, string key, string name)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return null;
        }

        return value as string ?? throw Error(table, key, $"'{name}' must be a string in quotes, not {Describe(value)}.");
    }

    /// <summary>A string, or an array of strings (at least one), as a list; null when the key is absent.</summary>
    public IReadOnlyList<string>? Strings(TomlTable table, string key, string name)
    {
        if (!table.TryGetValue(key, out var value))
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

        throw Error(table, key, $"'{name}' must be a string in quotes or a list of them (e.g. [\"v{{version}}\", \"{{version}}\"]), not {Describe(value)}.");
    }

    public bool? Boolean(TomlTable table, string key, string name)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return null;
        }

        return value is bool b ? b : throw Error(table, key, $"'{name}' must be true or false, not {Describe(value)}.");
    }

    public int? Integer(TomlTable table, string key, string name, int minimum, int maximum)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return null;
        }

        if (value is not long number)
        {
            throw Error(table, key, $"'{name}' must be a whole number, not {Describe(value)}.");
        }

        if (number < minimum || number > maximum)
        {
            throw Error(table, key, $"'{name}' is {number}; it must be between {minimum} and {maximum}.");
        }

        return (int)number;
    }

    public DateOnly? Date(TomlTable table, string key, string name)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return null;
        }

        return value switch
        {
            TomlDateTime t when t.Kind is TomlDateTimeKind.LocalDate => DateOnly.FromDateTime(t.DateTime.DateTime),
            string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", out var d) => d,
            _ => throw Error(table, key, $"'{name}' must be a date written as yyyy-mm-dd (e.g. 2027-12-12), not {Describe(value)}."),
        };
    }

    private static string Describe(object value) => value switch
    {
        string s => $"the string \"{s}\"",
        long l => $"the number {l}",
        double d => $"the number {d}",
        bool b => b ? "true" : "false",
        TomlDateTime t => $"the date {t}",
        TomlArray => "an array",
        TomlTable => "a table",
        _ => value.GetType().Name,
    };
}
