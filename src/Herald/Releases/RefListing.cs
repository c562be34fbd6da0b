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

    /// <summary>Every tag that points (perhaps through a chain of tag objects) at a commit.</summary>
    public IReadOnlyList<TagRef> Tags { get; }

    /// <summary>Branch name → tip commit; local branches, then remote-tracking ones (<c>origin/…</c> without the remote) where no local one has the name.</summary>
    public IReadOnlyDictionary<string, string> Branches { get; }

    /// <summary>Reads tags and branches of <paramref name="repository"/>.</summary>
    public static RefListing Read(GitRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var output = repository.Run("for-each-ref", "--format=" + Format, "refs/tags", "refs/heads", "refs/remotes");
        var tags = new List<TagRef>();
        var nested = new List<(string Name, string Inner, DateTimeOffset Date, bool Signed)>();
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
                var date = DateTimeOffset.TryParse(fields[5], System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : DateTimeOffset.UnixEpoch;
                if (annotated && type == "tag")
                {
                    // A tag of a tag (Xen's RELEASE-4.5.0): %(*objectname) peels one level only.
                    nested.Add((name["refs/tags/".Length..], fields[4], date, fields[6] == "1"));
                }
                else if (type == "commit")
                {
                    tags.Add(new TagRef(name["refs/tags/".Length..], annotated ? fields[4] : fields[2], date, annotated, fields[6] == "1"));
                }
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

        if (nested.Count > 0)
        {
            // One process peels every chain to its commit; the outermost tag keeps its date and signature.
            var input = string.Concat(nested.Select(n => n.Inner + "^{commit}\n"));
            var peeled = repository.Stream(["cat-file", "--batch-check=%(objectname) %(objecttype)"], stream => new StreamReader(stream).ReadToEnd(), input)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < nested.Count && i < peeled.Length; i++)
            {
                var answer = peeled[i].Split(' ');
                if (answer.Length == 2 && answer[1] == "commit")
                {
                    tags.Add(new TagRef(nested[i].Name, answer[0], nested[i].Date, Annotated: true, nested[i].Signed));
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
    /// <param name="Commit">The commit it points to, peeled through every tag object.</param>
    /// <param name="Date">The outermost tag's tagger date (annotated) or the commit date (lightweight).</param>
    /// <param name="Annotated">Whether it is a tag object.</param>
    /// <param name="Signed">Whether the tag object carries a signature.</param>
    public sealed record TagRef(string Name, string Commit, DateTimeOffset Date, bool Annotated, bool Signed);
}
