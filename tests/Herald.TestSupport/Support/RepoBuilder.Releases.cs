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
}
