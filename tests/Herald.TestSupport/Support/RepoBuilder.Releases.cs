namespace Herald.Tests.Support;

/// <summary>Steps for tag schemes: tags of tags.</summary>
public sealed partial class RepoBuilder
{
    /// <summary>
    /// An annotated tag <paramref name="name"/> whose object is the tag <paramref name="target"/> (a tag of a
    /// tag, as Xen's <c>RELEASE-4.5.0</c>); tagger date = <paramref name="date"/> or the clock's current value.
    /// </summary>
    public RepoBuilder TagOfTag(string name, string target, string message = "tag of a tag", DateTimeOffset? date = null)
    {
        var identity = ResolveAuthor(null, null);
        RunGit(Path, ["tag", "-a", "-m", message, name, "refs/tags/" + target], TaggerEnvironment(identity, date ?? _clock), null);
        return this;
    }

    /// <summary>
    /// <paramref name="count"/> empty commits on <paramref name="branch"/>, each on the one before, written by
    /// one <c>git fast-import</c> (for tests that need many commits, e.g. two sharing an abbreviation).
    /// Dates are fixed, so the commit ids are the same every run.
    /// </summary>
    public IReadOnlyList<string> ManyEmptyCommits(int count, string branch = "many")
    {
        var stream = new System.Text.StringBuilder();
        var tree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
        for (var i = 1; i <= count; i++)
        {
            var message = $"empty commit {i}\n";
            stream.Append($"commit refs/heads/{branch}\nmark :{i}\n");
            stream.Append($"committer {DefaultName} <{DefaultEmail}> {1_600_000_000 + i} +0000\n");
            stream.Append($"data {System.Text.Encoding.UTF8.GetByteCount(message)}\n{message}");
            stream.Append(i == 1 ? string.Empty : $"from :{i - 1}\n");
            stream.Append($"M 040000 {tree} empty\n\n");
        }

        RunGit(Path, ["fast-import", "--quiet"], null, System.Text.Encoding.UTF8.GetBytes(stream.ToString()));
        return [.. Git("rev-list", "--reverse", branch).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
