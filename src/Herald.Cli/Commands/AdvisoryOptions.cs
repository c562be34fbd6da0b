using System.CommandLine;
using Herald.Advisories;
using Herald.Publishing;
using Herald.Storage;

namespace Herald.Cli.Commands;

/// <summary>The release key's options: the key signs advisory texts when it exists.</summary>
internal sealed class AdvisorySigningOptions
{
    public Option<string?> Key { get; } = new("--key") { Description = "The armoured secret release key (default: DATA/keys/secret.asc; unsigned when absent).", HelpName = "FILE" };

    public Option<string?> Passphrase { get; } = KeyCommand.PassphraseOption();

    public void AddTo(Command command)
    {
        command.Options.Add(Key);
        command.Options.Add(Passphrase);
    }

    /// <summary>The key given, or the project's when it has one; null when neither.</summary>
    public ReleaseKey? Load(ParseResult result, CliConsole console, HeraldProject project)
    {
        var path = result.GetValue(Key) is { } k ? Path.GetFullPath(k, console.CurrentDirectory) : Path.Combine(project.DataDirectory, "keys", "secret.asc");
        return result.GetValue(Key) is not null || File.Exists(path) ? ReleaseKey.Load(path, KeyCommand.ReadPassphrase(result, Passphrase, console)) : null;
    }
}

/// <summary>The options that say what an advisory says (create and update).</summary>
internal sealed class AdvisoryContentOptions
{
    private readonly Option<string?> _title;
    private readonly Option<string[]> _cves = Many("--cve", "A CVE id (CVE-2026-12345); repeat for several.", "CVE");
    private readonly Option<string[]> _affects = Many("--affects", "Affected series, separated by commas (4.18,4.19).", "SERIES");
    private readonly Option<string[]> _versions = Many("--version", "An affected version named on its own (4.19.0); repeat for several.", "VERSION");
    private readonly Option<string[]> _commits = Many("--commit", "The full id of a commit that fixes it; repeat for several.", "SHA");
    private readonly Option<string?> _embargo = new("--embargo-until") { Description = "The end of the embargo, ISO-8601 in UTC (2030-01-01T12:00Z): pre-discloses the advisory.", HelpName = "UTC" };
    private readonly Option<string?> _body = new("--body") { Description = "A file with the sections (Markdown headings or Xen's capitals: ISSUE DESCRIPTION, IMPACT, …).", HelpName = "FILE" };
    private readonly Option<string[]> _patches = Many("--patch", "A patch file for a branch, BRANCH=FILE; repeat for several.", "BRANCH=FILE");
    private readonly Option<string[]> _holds = Many("--hold", "A release (version) held until the advisory is public; repeat for several.", "RELEASE");
    private readonly Option<string[]> _holdPosts = Many("--hold-post", "A post (slug) held until the advisory is public; repeat for several.", "SLUG");
    private readonly AdvisorySigningOptions _signing = new();

    public AdvisoryContentOptions(bool titleRequired)
    {
        _title = new("--title") { Description = "The title, one line.", Required = titleRequired, HelpName = "TITLE" };
    }

    public ProjectDatabase Access { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(_title);
        command.Options.Add(_cves);
        command.Options.Add(_affects);
        command.Options.Add(_versions);
        command.Options.Add(_commits);
        command.Options.Add(_embargo);
        command.Options.Add(_body);
        command.Options.Add(_patches);
        command.Options.Add(_holds);
        command.Options.Add(_holdPosts);
        _signing.AddTo(command);
        Access.AddTo(command);
    }

    /// <summary>Every value read and checked, every file read, before anything is stored.</summary>
    public AdvisoryInput Read(ParseResult result, CliConsole console)
    {
        var embargo = result.GetValue(_embargo) is { } e ? EmbargoTime.Parse(e) : (DateTimeOffset?)null;
        var sections = result.GetValue(_body) is { } body ? AdvisorySections.Parse(ReadBody(body, console)) : null;
        return new AdvisoryInput(
            result.GetValue(_title),
            List(result.GetValue(_cves)),
            List(result.GetValue(_affects)).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
            List(result.GetValue(_versions)),
            List(result.GetValue(_commits)),
            sections,
            embargo,
            List(result.GetValue(_patches)).Select(p => ReadPatch(p, console)).ToList(),
            List(result.GetValue(_holds)),
            List(result.GetValue(_holdPosts)));
    }

    public AdvisoryIssuer Issuer(ParseResult result, CliConsole console, HeraldProject project, IndexDatabase database) =>
        new(database, _signing.Load(result, console, project), project.Config.ProjectName, project.Config.Mail, console.Clock);

    private static List<string> List(string[]? values) => values is null ? [] : [.. values];

    private static Option<string[]> Many(string name, string description, string helpName) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        HelpName = helpName,
    };

    private static string ReadBody(string file, CliConsole console)
    {
        var path = Path.GetFullPath(file, console.CurrentDirectory);
        if (Directory.Exists(path) || !File.Exists(path))
        {
            throw new HeraldException($"--body {file}: no such file; give the file with the advisory's sections.");
        }

        if (new FileInfo(path).Length > 1024 * 1024)
        {
            throw new HeraldException($"--body {file}: more than 1 MB; an advisory's text is shorter.");
        }

        return File.ReadAllText(path);
    }

    private static PatchUpload ReadPatch(string value, CliConsole console)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == value.Length - 1)
        {
            throw new HeraldException($"--patch '{value}' is not BRANCH=FILE; give e.g. --patch stable-4.19=xsa500-4.19.patch.");
        }

        var branch = value[..equals].Trim();
        var file = value[(equals + 1)..].Trim();
        var path = Path.GetFullPath(file, console.CurrentDirectory);
        if (Directory.Exists(path))
        {
            throw new HeraldException($"--patch {value}: {file} is a folder; give the patch file.");
        }

        if (!File.Exists(path))
        {
            throw new HeraldException($"--patch {value}: no such file {file}.");
        }

        if (new FileInfo(path).Length > AdvisoryStore.MaxPatchBytes)
        {
            throw new HeraldException($"--patch {value}: {file} has more than {AdvisoryStore.MaxPatchBytes / 1024 / 1024} MB; a patch is smaller.");
        }

        return new PatchUpload(branch, Path.GetFileName(path), File.ReadAllBytes(path));
    }
}

/// <summary>What the content options said, read and checked.</summary>
internal sealed record AdvisoryInput(
    string? Title,
    IReadOnlyList<string> Cves,
    IReadOnlyList<string> Affects,
    IReadOnlyList<string> Versions,
    IReadOnlyList<string> Commits,
    AdvisorySections? Sections,
    DateTimeOffset? EmbargoUntil,
    IReadOnlyList<PatchUpload> Patches,
    IReadOnlyList<string> HoldReleases,
    IReadOnlyList<string> HoldPosts);
