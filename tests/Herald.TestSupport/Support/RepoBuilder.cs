using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using IOPath = System.IO.Path;

namespace Herald.Tests.Support;

/// <summary>
/// Fluent builder for real git repositories (created with the real <c>git</c> CLI) in temp folders.
/// </summary>
/// <remarks>
/// <para>
/// Layout: everything lives below one root directory
/// (<c>Path.GetTempPath()/herald-tests/&lt;guid&gt;</c>): the work tree (<c>repo</c>), a private
/// <c>HOME</c> (<c>home</c>), a scratch folder for message files, an optional throwaway GnuPG home
/// (<c>gnupg</c>) and any clones. <see cref="Dispose"/> removes all of it.
/// </para>
/// <para>
/// Every git call runs with <c>GIT_CONFIG_NOSYSTEM=1</c>, <c>HOME</c>/<c>XDG_CONFIG_HOME</c> inside the
/// root, <c>LC_ALL=C</c> and no inherited <c>GIT_*</c> variables, so neither the machine's nor the user's
/// configuration can interfere.
/// </para>
/// <para>
/// Dates are deterministic: a clock starts at <see cref="ClockStart"/> and every commit that does not
/// pass its own date takes the clock's value and then advances it by <see cref="ClockStep"/>. The
/// committer date equals the author date unless given separately. Annotated and signed tags without an
/// explicit date use the clock's current value without advancing it (so a tag is one step after the
/// commit made just before it).
/// </para>
/// <para>
/// Commits without explicit files append a line to <see cref="DefaultFile"/>. So that such commits can be
/// cherry-picked / backported onto older branches (in any order) without conflicts and without dragging in
/// other commits' lines, the repository uses a local merge driver (<c>.git/info/attributes</c> +
/// <c>merge.herald-append.driver</c>, never committed) that turns "theirs appended lines" into
/// "ours + those lines", falling back to a normal three-way merge for anything else.
/// </para>
/// </remarks>
public sealed partial class RepoBuilder : IDisposable
{
    /// <summary>Default author / committer name (also the repository's <c>user.name</c>).</summary>
    public const string DefaultName = "Alice Example";

    /// <summary>Default author / committer email (also the repository's <c>user.email</c>).</summary>
    public const string DefaultEmail = "alice@example.com";

    /// <summary>Email (and <c>-u</c> key id) of the throwaway signing key used by <see cref="SignedTag"/>.</summary>
    public const string SigningKeyEmail = "herald@example.com";

    /// <summary>User id of the throwaway signing key used by <see cref="SignedTag"/>.</summary>
    public const string SigningKeyUserId = "Herald Test <herald@example.com>";

    /// <summary>The signature block of <see cref="UnverifiedSignedTag"/>: well-formed armour, no valid signature.</summary>
    private const string UnverifiedSignature = """
        -----BEGIN PGP SIGNATURE-----

        iHUEABYKAB0WIQRIZXJhbGQgdGVzdCBzaWduYXR1cmUAAAAABQJgAAAAAAoJEEhl
        cmFsZCB0ZXN0AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        =AAAA
        -----END PGP SIGNATURE-----

        """;

    /// <summary>Name of the file that commits without explicit files append a line to.</summary>
    public const string DefaultFile = "file.txt";

    /// <summary>Initial value of the builder's clock.</summary>
    public static readonly DateTimeOffset ClockStart = new(2020, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>How far the clock advances per commit that does not pass its own date.</summary>
    public static readonly TimeSpan ClockStep = TimeSpan.FromHours(1);

    private const string AppendMergeDriver =
        "n=$(wc -c < %O | tr -d ' ') && if cmp -s -n \"$n\" %O %B; then tail -c +$((n + 1)) %B >> %A; else git merge-file %A %O %B; fi";

    private static readonly UTF8Encoding s_utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly TempDirectory _root;
    private readonly string _home;
    private readonly string _scratch;
    private DateTimeOffset _clock = ClockStart;
    private string? _gnupgHome;
    private string? _lastSha;
    private int _counter;
    private bool _disposed;

    private RepoBuilder(TempDirectory root)
    {
        _root = root;
        Path = root.Combine("repo");
        _home = root.Combine("home");
        _scratch = root.Combine("scratch");
    }

    /// <summary>Absolute path of the work tree.</summary>
    public string Path { get; }

    /// <summary>Absolute path of the directory that contains the work tree, home, clones, etc.</summary>
    public string RootPath => _root.Path;

    /// <summary>Absolute path of the repository's <c>.git</c> directory.</summary>
    public string GitDir => IOPath.Combine(Path, ".git");

    /// <summary>
    /// The throwaway GnuPG home created by the first <see cref="SignedTag"/>, or <c>null</c> if none was
    /// created yet. Once set it is passed as <c>GNUPGHOME</c> to every git call made by this builder
    /// (so <c>Git("verify-tag", name)</c> works).
    /// </summary>
    public string? GnupgHome => _gnupgHome;

    /// <summary>The clock value the next commit without an explicit date will get.</summary>
    public DateTimeOffset Now => _clock;

    /// <summary>Full sha of HEAD after the last commit made through this builder.</summary>
    /// <exception cref="InvalidOperationException">No commit has been made through this builder yet.</exception>
    public string LastSha => _lastSha ?? throw new InvalidOperationException("No commit has been made through this RepoBuilder yet.");

    /// <summary>Creates an initialised, empty (no commits) non-bare repository on branch <c>master</c>.</summary>
    public static RepoBuilder Create()
    {
        var root = TempDirectory.Create();
        RepoBuilder? builder = null;
        try
        {
            builder = new RepoBuilder(root);
            builder.Initialise();
            return builder;
        }
        catch
        {
            if (builder is null)
            {
                root.Dispose();
            }
            else
            {
                builder.Dispose();
            }

            throw;
        }
    }

    /// <summary>Same as <see cref="Create"/>: an initialised repository with no commits (reads better in tests about empty repos).</summary>
    public static RepoBuilder CreateEmpty() => Create();

    /// <summary>Runs git in the work tree and returns stdout (end trimmed). Throws <see cref="InvalidOperationException"/> on a non-zero exit.</summary>
    public string Git(params string[] args) => GitAt(Path, args);

    /// <summary>Runs git in <paramref name="directory"/> (e.g. a clone) with this builder's environment; returns stdout (end trimmed).</summary>
    public string GitAt(string directory, params string[] args) =>
        s_utf8NoBom.GetString(RunGit(directory, args, null, null)).TrimEnd();

    /// <summary>Runs git in the work tree and returns the raw stdout bytes (untrimmed), e.g. for <c>cat-file commit</c>.</summary>
    public byte[] GitRaw(params string[] args) => RunGit(Path, args, null, null);

    /// <summary>Moves the clock forward (only affects commits/tags that do not pass their own date).</summary>
    public RepoBuilder AdvanceClock(TimeSpan by)
    {
        _clock += by;
        return this;
    }

    /// <summary>Writes a UTF-8 text file into the work tree (creating directories) without staging or committing it.</summary>
    public RepoBuilder WriteFile(string path, string content)
    {
        var full = WorkTreePath(path);
        Directory.CreateDirectory(IOPath.GetDirectoryName(full)!);
        File.WriteAllText(full, content, s_utf8NoBom);
        return this;
    }

    /// <summary>
    /// Writes <paramref name="files"/> (path → content), or if none are given appends a line to
    /// <paramref name="file"/> (default <see cref="DefaultFile"/>), stages everything (<c>git add -A</c>)
    /// and commits with exactly <paramref name="message"/> (multi-line messages and trailers are kept).
    /// </summary>
    /// <param name="message">Commit message (passed through a file, default whitespace cleanup).</param>
    /// <param name="author">Author name; default <see cref="DefaultName"/>.</param>
    /// <param name="email">Author email; default <see cref="DefaultEmail"/>, or derived from <paramref name="author"/> (<c>bob.builder@example.com</c>).</param>
    /// <param name="date">Author (and committer) date; default: the clock, which then advances.</param>
    /// <param name="committer">Committer name; default: the author.</param>
    /// <param name="committerEmail">Committer email; default: the author's email, or derived from <paramref name="committer"/>.</param>
    /// <param name="files">Files to write (relative path with '/' → UTF-8 content).</param>
    /// <param name="file">File to append a line to when <paramref name="files"/> is null or empty.</param>
    /// <param name="committerDate">Committer date if it should differ from the author date.</param>
    public RepoBuilder Commit(
        string message,
        string? author = null,
        string? email = null,
        DateTimeOffset? date = null,
        string? committer = null,
        string? committerEmail = null,
        IDictionary<string, string>? files = null,
        string? file = null,
        DateTimeOffset? committerDate = null)
    {
        if (files is { Count: > 0 })
        {
            foreach (var (path, content) in files)
            {
                WriteFile(path, content);
            }
        }
        else
        {
            AppendLine(file ?? DefaultFile, message);
        }

        Git("add", "-A");
        var authorIdentity = ResolveAuthor(author, email);
        return CommitStaged(message, authorIdentity, ResolveCommitter(authorIdentity, committer, committerEmail), date, committerDate);
    }

    /// <summary>Writes a binary file (creating directories), stages everything and commits.</summary>
    public RepoBuilder CommitBinary(
        string path,
        byte[] content,
        string message,
        string? author = null,
        string? email = null,
        DateTimeOffset? date = null)
    {
        var full = WorkTreePath(path);
        Directory.CreateDirectory(IOPath.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        Git("add", "-A");
        var authorIdentity = ResolveAuthor(author, email);
        return CommitStaged(message, authorIdentity, authorIdentity, date, null);
    }

    /// <summary><c>git mv</c> (creating the target directory) and commit.</summary>
    public RepoBuilder Rename(string from, string to, string message, string? author = null, string? email = null, DateTimeOffset? date = null)
    {
        Directory.CreateDirectory(IOPath.GetDirectoryName(WorkTreePath(to))!);
        Git("mv", "--", from, to);
        var authorIdentity = ResolveAuthor(author, email);
        return CommitStaged(message, authorIdentity, authorIdentity, date, null);
    }

    /// <summary><c>git rm</c> and commit.</summary>
    public RepoBuilder Delete(string path, string message, string? author = null, string? email = null, DateTimeOffset? date = null)
    {
        Git("rm", "-q", "--", path);
        var authorIdentity = ResolveAuthor(author, email);
        return CommitStaged(message, authorIdentity, authorIdentity, date, null);
    }

    /// <summary>A commit that changes nothing (<c>--allow-empty</c>).</summary>
    public RepoBuilder EmptyCommit(
        string message,
        string? author = null,
        string? email = null,
        DateTimeOffset? date = null,
        string? committer = null,
        string? committerEmail = null)
    {
        var authorIdentity = ResolveAuthor(author, email);
        return CommitStaged(message, authorIdentity, ResolveCommitter(authorIdentity, committer, committerEmail), date, null, "--allow-empty");
    }

    /// <summary>
    /// Makes a commit (appending a line to <see cref="DefaultFile"/>) whose author name is stored as raw
    /// ISO-8859-1 bytes (e.g. "José" → <c>4A 6F 73 E9</c>) with no <c>encoding</c> header, i.e. invalid UTF-8.
    /// The committer is the default identity. The commit object is written with <c>git hash-object</c> and
    /// HEAD (the current branch) is moved with <c>git update-ref</c>; index and work tree match the new commit.
    /// </summary>
    public RepoBuilder CommitLatin1Author(string message, string latin1Name, string? email = null, DateTimeOffset? date = null)
    {
        if (latin1Name.Any(c => c > '\u00FF'))
        {
            throw new ArgumentException("The name must only contain ISO-8859-1 characters.", nameof(latin1Name));
        }

        AppendLine(DefaultFile, message);
        Git("add", "-A");
        var tree = Git("write-tree");
        var parent = TryRevParse("HEAD");
        var authorDate = date ?? Tick();
        var authorEmail = email ?? DeriveEmail(latin1Name);

        var header = new StringBuilder();
        header.Append("tree ").Append(tree).Append('\n');
        if (parent is not null)
        {
            header.Append("parent ").Append(parent).Append('\n');
        }

        using var body = new MemoryStream();
        body.Write(Encoding.ASCII.GetBytes(header.ToString()));
        body.Write(Encoding.ASCII.GetBytes("author "));
        body.Write(Encoding.Latin1.GetBytes(latin1Name));
        body.Write(s_utf8NoBom.GetBytes($" <{authorEmail}> {RawDate(authorDate)}\n"));
        body.Write(s_utf8NoBom.GetBytes($"committer {DefaultName} <{DefaultEmail}> {RawDate(authorDate)}\n\n"));
        body.Write(s_utf8NoBom.GetBytes(message.Replace("\r\n", "\n").TrimEnd() + "\n"));

        var sha = s_utf8NoBom.GetString(RunGit(Path, ["hash-object", "-t", "commit", "-w", "--stdin"], null, body.ToArray())).Trim();
        Git("update-ref", "-m", "commit (latin1 author): " + FirstLine(message), "HEAD", sha);
        _lastSha = sha;
        return this;
    }

    /// <summary>Lightweight tag at HEAD.</summary>
    public RepoBuilder Tag(string name)
    {
        Git("tag", name);
        return this;
    }

    /// <summary>Annotated tag at HEAD; tagger date = <paramref name="date"/> or the clock's current value (not advanced).</summary>
    public RepoBuilder AnnotatedTag(
        string name,
        string message = "tag",
        DateTimeOffset? date = null,
        string? tagger = null,
        string? taggerEmail = null)
    {
        var identity = ResolveAuthor(tagger, taggerEmail);
        RunGit(Path, ["tag", "-a", "-m", message, name], TaggerEnvironment(identity, date ?? _clock), null);
        return this;
    }

    /// <summary>
    /// GPG-signed annotated tag at HEAD, signed with a throwaway ed25519 key (<see cref="SigningKeyUserId"/>)
    /// in a GnuPG home inside the builder's root (see <see cref="GnupgHome"/>). Throws if gpg is unavailable.
    /// </summary>
    public RepoBuilder SignedTag(string name, string message = "signed tag", DateTimeOffset? date = null)
    {
        EnsureSigningKey();
        var identity = new Identity(DefaultName, DefaultEmail);
        RunGit(Path, ["tag", "-s", "-u", SigningKeyEmail, "-m", message, name], TaggerEnvironment(identity, date ?? _clock), null);
        return this;
    }

    /// <summary>
    /// Annotated tag at HEAD whose message ends in a fixed PGP signature block that no key verifies, written
    /// with <c>git mktag</c>: git (and so Herald) reports it as signed, and it needs no gpg. For tests of what
    /// is shown for a signed tag; <see cref="SignedTag"/> makes a real signature.
    /// </summary>
    public RepoBuilder UnverifiedSignedTag(string name, string message = "signed tag", DateTimeOffset? date = null)
    {
        var tag = new StringBuilder()
            .Append("object ").Append(Git("rev-parse", "HEAD")).Append('\n')
            .Append("type commit\n")
            .Append("tag ").Append(name).Append('\n')
            .Append("tagger ").Append(DefaultName).Append(" <").Append(DefaultEmail).Append("> ").Append(RawDate(date ?? _clock)).Append("\n\n")
            .Append(message.Replace("\r\n", "\n").TrimEnd()).Append('\n')
            .Append(UnverifiedSignature)
            .ToString();
        var sha = s_utf8NoBom.GetString(RunGit(Path, ["mktag"], null, s_utf8NoBom.GetBytes(tag))).Trim();
        Git("update-ref", "refs/tags/" + name, sha);
        return this;
    }

    /// <summary>Creates a branch at HEAD (or <paramref name="startPoint"/>) without checking it out.</summary>
    public RepoBuilder Branch(string name, string? startPoint = null)
    {
        if (startPoint is null)
        {
            Git("branch", name);
        }
        else
        {
            Git("branch", name, startPoint);
        }

        return this;
    }

    /// <summary><c>git checkout</c> of an existing branch / revision.</summary>
    public RepoBuilder Checkout(string name)
    {
        Git("checkout", "-q", name);
        return this;
    }

    /// <summary><c>git checkout -b name [startPoint]</c>.</summary>
    public RepoBuilder CheckoutNew(string name, string? startPoint = null)
    {
        if (startPoint is null)
        {
            Git("checkout", "-q", "-b", name);
        }
        else
        {
            Git("checkout", "-q", "-b", name, startPoint);
        }

        return this;
    }

    /// <summary>Merges <paramref name="branch"/> into the current branch with <c>--no-ff</c> (always a merge commit).</summary>
    public RepoBuilder Merge(string branch, string? message = null, DateTimeOffset? date = null, string? author = null, string? email = null)
    {
        var identity = ResolveAuthor(author, email);
        var when = date ?? Tick();
        var args = new List<string> { "merge", "--no-ff", "--no-edit", "-q" };
        if (message is not null)
        {
            args.Add("-m");
            args.Add(message);
        }

        args.Add(branch);
        RunGit(Path, args, CommitEnvironment(identity, identity, when, when), null);
        RefreshLastSha();
        return this;
    }

    /// <summary>
    /// <c>git cherry-pick [-x] sha</c> onto the current branch. Author (name, email, date) is kept from the
    /// original as git does; the committer is the default identity with the clock's date (or <paramref name="date"/>).
    /// </summary>
    public RepoBuilder CherryPick(string sha, bool recordOrigin = true, DateTimeOffset? date = null)
    {
        var when = date ?? Tick();
        var identity = new Identity(DefaultName, DefaultEmail);
        var args = recordOrigin
            ? new[] { "cherry-pick", "-x", sha }
            : new[] { "cherry-pick", sha };
        RunGit(Path, args, CommitEnvironment(identity, identity, when, when), null);
        RefreshLastSha();
        return this;
    }

    /// <summary>
    /// Xen-style backport: applies <paramref name="masterSha"/> with <c>git cherry-pick --no-commit</c> and
    /// commits it with the original message (subject + <paramref name="subjectSuffix"/>) followed by
    /// <c>\n\nmaster commit: &lt;full sha&gt;\nmaster date: &lt;author date as %ai, e.g. 2020-01-01 12:00:00 +0000&gt;</c>.
    /// The original author name/email are kept; dates come from the clock (or <paramref name="date"/>).
    /// </summary>
    public RepoBuilder Backport(string masterSha, string subjectSuffix = "", DateTimeOffset? date = null)
    {
        var full = Git("rev-parse", "--verify", masterSha + "^{commit}");
        var fields = Git("show", "-s", "--format=%an%x00%ae%x00%ai%x00%B", full).Split('\0');
        var original = fields[3].Replace("\r\n", "\n").TrimEnd();
        var newline = original.IndexOf('\n');
        var subject = newline < 0 ? original : original[..newline];
        var rest = newline < 0 ? string.Empty : original[newline..];
        var message = $"{subject}{subjectSuffix}{rest}\n\nmaster commit: {full}\nmaster date: {fields[2]}\n";

        Git("cherry-pick", "--no-commit", full);
        var authorIdentity = new Identity(fields[0], fields[1]);
        return CommitStaged(message, authorIdentity, new Identity(DefaultName, DefaultEmail), date, null);
    }

    /// <summary>Writes <c>.mailmap</c> and commits it as "Add .mailmap".</summary>
    public RepoBuilder Mailmap(string content) =>
        Commit("Add .mailmap", files: new Dictionary<string, string> { [".mailmap"] = content });

    /// <summary><c>git rev-parse --verify rev</c> (annotated tags resolve to the tag object; use <c>rev^{commit}</c> to peel).</summary>
    public string ShaOf(string rev) => Git("rev-parse", "--verify", rev);

    /// <summary><c>git clone --bare -q</c> into a new directory inside the builder's root; returns its path.</summary>
    public string CloneBare()
    {
        var destination = _root.Combine($"bare-{++_counter}.git");
        RunGit(_root.Path, ["clone", "--bare", "-q", Path, destination], null, null);
        return destination;
    }

    /// <summary><c>git clone -q --depth N file://…</c> into a new directory inside the builder's root; returns its path.</summary>
    public string CloneShallow(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        var destination = _root.Combine($"shallow-{++_counter}");
        RunGit(_root.Path, ["clone", "-q", "--depth", depth.ToString(CultureInfo.InvariantCulture), new Uri(Path).AbsoluteUri, destination], null, null);
        return destination;
    }

    /// <summary>Stops the throwaway gpg-agent (if any) and deletes the whole root directory.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_gnupgHome is not null)
            {
                RunChecked("gpgconf", ["--kill", "gpg-agent"], _root.Path, BaseEnvironment(null), null);
                RunChecked("gpgconf", ["--remove-socketdir"], _root.Path, BaseEnvironment(null), null);
            }
        }
        finally
        {
            _root.Dispose();
        }
    }

    /// <summary>ISO 8601 with offset, as passed to GIT_AUTHOR_DATE / GIT_COMMITTER_DATE (e.g. 2020-01-01T12:00:00+01:00).</summary>
    public static string IsoDate(DateTimeOffset date) =>
        date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private void Initialise()
    {
        Directory.CreateDirectory(Path);
        Directory.CreateDirectory(_home);
        Directory.CreateDirectory(_scratch);
        Git("init", "-q", "-b", "master");
        Git("config", "user.name", DefaultName);
        Git("config", "user.email", DefaultEmail);
        Git("config", "commit.gpgsign", "false");
        Git("config", "tag.gpgsign", "false");
        Git("config", "gc.auto", "0");
        Git("config", "maintenance.auto", "false");
        Git("config", "core.autocrlf", "false");

        // Commits without explicit files all append to the same file, so picking such a commit onto an
        // older branch would otherwise always conflict. This merge driver (local to this clone, never
        // committed) resolves "theirs = ancestor + appended lines" as "ours + those lines" and falls back
        // to an ordinary three-way text merge otherwise.
        Git("config", "merge.herald-append.name", "Herald test append-only merge");
        Git("config", "merge.herald-append.driver", AppendMergeDriver);
        var info = IOPath.Combine(GitDir, "info");
        Directory.CreateDirectory(info);
        File.WriteAllText(IOPath.Combine(info, "attributes"), "* merge=herald-append\n", s_utf8NoBom);
    }

    private RepoBuilder CommitStaged(
        string message,
        Identity author,
        Identity committer,
        DateTimeOffset? date,
        DateTimeOffset? committerDate,
        params string[] extraArgs)
    {
        var authorDate = date ?? Tick();
        var messageFile = IOPath.Combine(_scratch, $"message-{++_counter}.txt");
        File.WriteAllText(messageFile, message, s_utf8NoBom);
        try
        {
            var args = new List<string> { "commit", "-q" };
            args.AddRange(extraArgs);
            args.Add("-F");
            args.Add(messageFile);
            RunGit(Path, args, CommitEnvironment(author, committer, authorDate, committerDate ?? authorDate), null);
        }
        finally
        {
            File.Delete(messageFile);
        }

        RefreshLastSha();
        return this;
    }

    private void AppendLine(string file, string message)
    {
        var full = WorkTreePath(file);
        Directory.CreateDirectory(IOPath.GetDirectoryName(full)!);
        File.AppendAllText(full, $"line {++_counter}: {FirstLine(message)}\n", s_utf8NoBom);
    }

    private void EnsureSigningKey()
    {
        if (_gnupgHome is not null)
        {
            return;
        }

        var home = _root.Combine("gnupg");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(home);
        }
        else
        {
            Directory.CreateDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var environment = BaseEnvironment(new Dictionary<string, string?> { ["GNUPGHOME"] = home });
        RunChecked(
            "gpg",
            ["--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key", SigningKeyUserId, "ed25519", "sign", "never"],
            _root.Path,
            environment,
            null);
        _gnupgHome = home;
    }

    private void RefreshLastSha() => _lastSha = Git("rev-parse", "HEAD");

    private string? TryRevParse(string rev)
    {
        var result = RunProcess("git", ["rev-parse", "--verify", "-q", rev], Path, BaseEnvironment(null), null);
        return result.ExitCode == 0 ? s_utf8NoBom.GetString(result.Stdout).Trim() : null;
    }

    private DateTimeOffset Tick()
    {
        var value = _clock;
        _clock += ClockStep;
        return value;
    }

    private string WorkTreePath(string relativePath) =>
        IOPath.Combine(Path, relativePath.Replace('/', IOPath.DirectorySeparatorChar));

    private static Identity ResolveAuthor(string? name, string? email) =>
        name is null
            ? new Identity(DefaultName, email ?? DefaultEmail)
            : new Identity(name, email ?? DeriveEmail(name));

    private static Identity ResolveCommitter(Identity author, string? name, string? email) =>
        name is null && email is null
            ? author
            : new Identity(name ?? author.Name, email ?? (name is null ? author.Email : DeriveEmail(name)));

    private static string DeriveEmail(string name)
    {
        var local = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                local.Append(c);
            }
            else if (char.IsWhiteSpace(c) || c == '.')
            {
                if (local.Length > 0 && local[^1] != '.')
                {
                    local.Append('.');
                }
            }
        }

        var text = local.ToString().Trim('.');
        return (text.Length == 0 ? "someone" : text) + "@example.com";
    }

    private static string FirstLine(string message)
    {
        var index = message.IndexOf('\n');
        return (index < 0 ? message : message[..index]).TrimEnd('\r');
    }

    private static string RawDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{date.ToUnixTimeSeconds()} {sign}{abs.Hours:00}{abs.Minutes:00}");
    }

    private static Dictionary<string, string?> CommitEnvironment(Identity author, Identity committer, DateTimeOffset authorDate, DateTimeOffset committerDate) =>
        new()
        {
            ["GIT_AUTHOR_NAME"] = author.Name,
            ["GIT_AUTHOR_EMAIL"] = author.Email,
            ["GIT_AUTHOR_DATE"] = IsoDate(authorDate),
            ["GIT_COMMITTER_NAME"] = committer.Name,
            ["GIT_COMMITTER_EMAIL"] = committer.Email,
            ["GIT_COMMITTER_DATE"] = IsoDate(committerDate),
        };

    private static Dictionary<string, string?> TaggerEnvironment(Identity tagger, DateTimeOffset date) =>
        new()
        {
            ["GIT_COMMITTER_NAME"] = tagger.Name,
            ["GIT_COMMITTER_EMAIL"] = tagger.Email,
            ["GIT_COMMITTER_DATE"] = IsoDate(date),
        };

    private byte[] RunGit(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? extraEnvironment, byte[]? stdin) =>
        RunChecked("git", args.ToList(), workingDirectory, BaseEnvironment(extraEnvironment), stdin);

    private Dictionary<string, string?> BaseEnvironment(IReadOnlyDictionary<string, string?>? extra)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["HOME"] = _home,
            ["XDG_CONFIG_HOME"] = IOPath.Combine(_home, ".config"),
            ["LC_ALL"] = "C",
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_EDITOR"] = "true",
            ["GNUPGHOME"] = _gnupgHome,
        };

        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                environment[key] = value;
            }
        }

        return environment;
    }

    private static byte[] RunChecked(string fileName, IReadOnlyList<string> args, string workingDirectory, IReadOnlyDictionary<string, string?> environment, byte[]? stdin)
    {
        var result = RunProcess(fileName, args, workingDirectory, environment, stdin);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Command failed with exit code {result.ExitCode}: {FormatCommandLine(fileName, args)}{Environment.NewLine}" +
                $"in: {workingDirectory}{Environment.NewLine}" +
                $"stderr: {s_utf8NoBom.GetString(result.Stderr).TrimEnd()}{Environment.NewLine}" +
                $"stdout: {s_utf8NoBom.GetString(result.Stdout).TrimEnd()}");
        }

        return result.Stdout;
    }

    private static ProcessResult RunProcess(string fileName, IReadOnlyList<string> args, string workingDirectory, IReadOnlyDictionary<string, string?> environment, byte[]? stdin)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        // Nothing from the caller's git environment (GIT_DIR, GIT_INDEX_FILE, GIT_CONFIG_GLOBAL, GIT_AUTHOR_*, ...)
        // may leak in, e.g. when tests run from inside a git hook.
        foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(key);
            }
            else
            {
                startInfo.Environment[key] = value;
            }
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"Could not start '{fileName}' (is it installed and on PATH?): {FormatCommandLine(fileName, args)}", ex);
        }

        var stdoutTask = Task.Run(() => ReadAll(process.StandardOutput.BaseStream));
        var stderrTask = Task.Run(() => ReadAll(process.StandardError.BaseStream));
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }

        process.StandardInput.Close();

        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Command timed out after 2 minutes: {FormatCommandLine(fileName, args)} (in {workingDirectory})");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdoutTask.GetAwaiter().GetResult(), stderrTask.GetAwaiter().GetResult());
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string FormatCommandLine(string fileName, IEnumerable<string> args) =>
        string.Join(' ', new[] { fileName }.Concat(args).Select(a =>
            a.Length == 0 || a.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'')
                ? "'" + a.Replace("'", "'\\''") + "'"
                : a));

    private readonly record struct Identity(string Name, string Email);

    private readonly record struct ProcessResult(int ExitCode, byte[] Stdout, byte[] Stderr);
}
