using Herald.History;

namespace Herald.Stats;

/// <summary>
/// The commits of a range grouped by author, like <c>git shortlog --no-merges</c> after .mailmap and the
/// aliases file, then name variants joined unless <see cref="IdentityResolver.ExactNames"/> (as in
/// <see cref="ContributionStats"/>): authors by number of commits (then name), each author's commits oldest first.
/// </summary>
/// <param name="From">The start of the range (excluded), or null.</param>
/// <param name="To">The end of the range.</param>
/// <param name="Changesets">The number of non-merge commits.</param>
/// <param name="Authors">The authors with their commits.</param>
public sealed record Shortlog(string? From, string To, int Changesets, IReadOnlyList<ShortlogAuthor> Authors)
{
    /// <summary>Reads the shortlog of the commits <paramref name="revisions"/> select.</summary>
    public static Shortlog Read(GitRepository repository, IdentityResolver identities, string? from, string to, IReadOnlyList<string> revisions)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(identities);
        var authors = new Dictionary<string, (string Name, string Email, AddressCounts Emails, List<ShortlogEntry> Commits)>(StringComparer.Ordinal);
        var count = 0;
        var groups = new IdentityGroups(identities);

        // git log reads newest first: a higher position is an older commit.
        var readOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var commit in new CommitLog(repository).Read(new LogRequest(revisions) { NoMerges = true }))
        {
            count++;
            var key = groups.Add(commit.Author.Name, commit.Author.Email);
            if (!authors.TryGetValue(key, out var author))
            {
                authors[key] = author = (commit.Author.Name, commit.Author.Email, new AddressCounts(), []);
            }

            author.Emails.Add(commit.Author.Email, count);
            readOrder[commit.Sha] = count;
            author.Commits.Add(new ShortlogEntry(commit.Sha, commit.Subject, DateOnly.FromDateTime(commit.Author.Date.UtcDateTime)));
        }

        // Join the names the aliases file says are one person; the newest-seen name names them.
        var people = new Dictionary<string, (string Name, string Email, AddressCounts Emails, List<ShortlogEntry> Commits)>(StringComparer.Ordinal);
        foreach (var (key, author) in authors)
        {
            // git log reads newest first; a shortlog lists each author's commits oldest first.
            author.Commits.Reverse();
            var root = groups.Find(key);
            if (people.TryGetValue(root, out var person))
            {
                person.Commits.AddRange(author.Commits);
                person.Emails.AddAll(author.Emails);
            }
            else
            {
                var emails = new AddressCounts();
                emails.AddAll(author.Emails);
                people[root] = (author.Name, author.Email, emails, [.. author.Commits]);
            }
        }

        var list = (identities.ExactNames ? people.Values.Select(p => (p.Name, p.Email, p.Commits)) : JoinVariants([.. people.Values], readOrder))
            .Select(a =>
            {
                var commits = a.Commits.OrderBy(c => c.Date).ToList();
                return new ShortlogAuthor(a.Name, a.Email, commits.Count, commits);
            })
            .OrderByDescending(a => a.Count).ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        return new Shortlog(from, to, count, list);
    }

    /// <summary>Joins the name variants of one person (see <see cref="IdentityMerger"/>); people come newest first.</summary>
    private static IEnumerable<(string Name, string Email, List<ShortlogEntry> Commits)> JoinVariants(
        List<(string Name, string Email, AddressCounts Emails, List<ShortlogEntry> Commits)> people,
        Dictionary<string, int> readOrder)
    {
        var groupOf = IdentityMerger.Group(people, p => p.Name, p => p.Emails.Addresses);
        foreach (var group in Enumerable.Range(0, people.Count).GroupBy(i => groupOf[i]))
        {
            var members = group.Select(i => (Person: people[i], Newest: i)).ToList();
            if (members.Count == 1)
            {
                yield return (members[0].Person.Name, members[0].Person.Email, members[0].Person.Commits);
                continue;
            }

            var emails = new AddressCounts();
            members.ForEach(m => emails.AddAll(m.Person.Emails));
            var name = IdentityMerger.PickName(members.Select(m => (m.Person.Name, m.Person.Commits.Count, m.Newest)));
            yield return (name, emails.MostUsed(), [.. members.SelectMany(m => m.Person.Commits).OrderByDescending(c => readOrder[c.Sha])]);
        }
    }
}

/// <summary>One author in a <see cref="Shortlog"/>.</summary>
/// <param name="Name">The author's name.</param>
/// <param name="Email">The address of the author's newest commit; for name variants joined, the most used address.</param>
/// <param name="Count">The number of commits.</param>
/// <param name="Commits">The commits, oldest first.</param>
public sealed record ShortlogAuthor(string Name, string Email, int Count, IReadOnlyList<ShortlogEntry> Commits);

/// <summary>One commit in a <see cref="Shortlog"/>.</summary>
/// <param name="Sha">The full commit id.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Date">The author date (UTC).</param>
public sealed record ShortlogEntry(string Sha, string Subject, DateOnly Date);
