using Herald.History;

namespace Herald.Releases;

/// <summary>The repository's tags and branches, read with one <c>git for-each-ref</c>.</summary>
public sealed class RefListing
{
    private const string Format =
        "%(refname)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(creatordate:iso-strict)%00%(if)%(contents:signature)%(then)1%(end)";

    private RefListing(IReadOnlyList<TagRef> tags, IReadOnlyDictionary<string, string> branches)
    {
        Tags = tags;
        Branches = branches;
    }

    /// <summary>Every tag that points (perhaps through a tag object) at a commit.</summary>
    public IReadOnlyList<TagRef> Tags { get; }

    /// <summary>Branch name → tip commit; local branches, then remote-tracking ones (<c>origin/…</c> without the remote) where no local one has the name.</summary>
    public IReadOnlyDictionary<string, string> Branches { get; }

    /// <summary>Reads tags and branches of <paramref name="repository"/>.</summary>
    public static RefListing Read(GitRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var output = repository.Run("for-each-ref", "--format=" + Format, "refs/tags", "refs/heads", "refs/remotes");
        var tags = new List<TagRef>();
        var branches = new Dictionary<string, string>(StringComparer.Ordinal);
        var remotes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\0');
            if (fields.Length < 7)
            {
                continue;
            }

            var name = fields[0];
            if (name.StartsWith("refs/tags/", StringComparison.Ordinal))
            {
                var annotated = fields[1] == "tag";
                var type = annotated ? fields[3] : fields[1];
                if (type != "commit")
                {
                    continue;
                }

                var date = DateTimeOffset.TryParse(fields[5], System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : DateTimeOffset.UnixEpoch;
                tags.Add(new TagRef(name["refs/tags/".Length..], annotated ? fields[4] : fields[2], date, annotated, fields[6] == "1"));
            }
            else if (name.StartsWith("refs/heads/", StringComparison.Ordinal))
            {
                branches[name["refs/heads/".Length..]] = fields[2];
            }
            else if (name.StartsWith("refs/remotes/", StringComparison.Ordinal) && !name.EndsWith("/HEAD", StringComparison.Ordinal))
            {
                var rest = name["refs/remotes/".Length..];
                var slash = rest.IndexOf('/');
                if (slash > 0)
                {
                    remotes.TryAdd(rest[(slash + 1)..], fields[2]);
                }
            }
        }

        foreach (var (branch, tip) in remotes)
        {
            branches.TryAdd(branch, tip);
        }

        return new RefListing(tags, branches);
    }

    /// <summary>A tag pointing at a commit.</summary>
    /// <param name="Name">The tag's short name.</param>
    /// <param name="Commit">The commit it points to, peeled.</param>
    /// <param name="Date">The tagger date (annotated) or commit date (lightweight).</param>
    /// <param name="Annotated">Whether it is a tag object.</param>
    /// <param name="Signed">Whether the tag object carries a signature.</param>
    public sealed record TagRef(string Name, string Commit, DateTimeOffset Date, bool Annotated, bool Signed);
}
