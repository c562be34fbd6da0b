using System.Globalization;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;
using Tomlyn.Serialization;
using Tomlyn.Syntax;

namespace Herald.Configuration;

/// <summary>
/// A parsed TOML file and where each of its keys was written; syntax errors and duplicate keys are a
/// <see cref="HeraldException"/> naming the file and the line. <see cref="TomlSection"/> reads its tables.
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

    /// <summary>The file, as given.</summary>
    public string Path { get; }

    /// <summary>The folder of the file, which relative paths in it are relative to.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;

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

    /// <summary>How a TOML value reads in a message, e.g. <c>the string "no"</c>.</summary>
    public static string Describe(object value) => value switch
    {
        string s => $"the string \"{s}\"",
        long l => $"the number {l}",
        double d => $"the number {d.ToString(double.IsInteger(d) ? "0.0" : "R", CultureInfo.InvariantCulture)}",
        bool b => b ? "true" : "false",
        TomlDateTime t => $"the date {t}",
        TomlArray => "an array",
        TomlTable => "a table",
        _ => value.GetType().Name,
    };
}
