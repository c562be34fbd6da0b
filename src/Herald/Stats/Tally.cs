using Herald.History;

namespace Herald.Stats;

/// <summary>Accumulates the figures of a range one commit at a time (see <see cref="StatsCalculator"/>).</summary>
/// <remarks>
/// A developer is a name after .mailmap, joined with others by the aliases file (<see cref="IdentityGroups"/>),
/// then, unless <see cref="IdentityResolver.ExactNames"/>, with its name variants (<see cref="IdentityMerger"/>).
/// <see cref="Build"/> reads the tally without changing it, so it may be called more than once.
/// </remarks>
internal sealed class Tally(IdentityResolver identities)
{
    private readonly Dictionary<string, DeveloperTotals> _developers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmployerTotals> _employers = new(StringComparer.Ordinal);
    private readonly IdentityGroups _groups = new(identities);
    private readonly Dictionary<string, string> _authorKeyByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Name, string Email, DateOnly Day), CreditTotals> _credits = [];
    private readonly List<CommitFacts> _commits = [];
    private int _sequence;

    public IReadOnlyList<CommitFacts> Commits => _commits;

    public void Add(Commit commit)
    {
        var author = commit.Author;
        var key = _groups.Add(author.Name, author.Email);
        var employerName = identities.EmployerOf(author.Email, author.Date);
        if (!_developers.TryGetValue(key, out var developer))
        {
            // History is read newest first: the first commit seen gives the current name, address and employer.
            _developers[key] = developer = new DeveloperTotals(author.Name, author.Email, employerName, _developers.Count);
        }

        developer.Changesets++;
        developer.Emails.Add(author.Email, _sequence++);
        _authorKeyByEmail.TryAdd(author.Email, key);
        if (!_employers.TryGetValue(employerName, out var employer))
        {
            _employers[employerName] = employer = new EmployerTotals(employerName);
        }

        employer.Changesets++;
        employer.DeveloperKeys.Add(key);
        _commits.Add(new CommitFacts(commit.Sha, developer, employer));

        foreach (var trailer in commit.Trailers)
        {
            var kind = trailer.Key switch
            {
                TrailerKeys.ReviewedBy or TrailerKeys.AckedBy => CreditKind.Review,
                TrailerKeys.TestedBy => CreditKind.Test,
                TrailerKeys.ReportedBy => CreditKind.Report,
                _ => (CreditKind?)null,
            };
            if (kind is null)
            {
                continue;
            }

            var (name, email) = trailer.Person;
            var creditKey = (name, email, DateOnly.FromDateTime(author.Date.UtcDateTime));
            if (!_credits.TryGetValue(creditKey, out var credit))
            {
                _credits[creditKey] = credit = new CreditTotals();
            }

            credit.Add(kind.Value);
        }
    }

    /// <summary>The identities named in trailers, for .mailmap resolution before <see cref="Build"/>.</summary>
    public IEnumerable<(string Name, string Email)> CreditedIdentities => _credits.Keys.Select(k => (k.Name, k.Email)).Distinct();

    public ContributionStats Build(string? from, string to, IReadOnlyDictionary<(string Name, string Email), (string Name, string Email)> mailmap)
    {
        var changesets = _commits.Count;

        // Join the developers the aliases file says are one person; the newest-seen row names them.
        var exact = new Dictionary<string, PersonTotals>(StringComparer.Ordinal);
        foreach (var developer in _developers.Values.OrderBy(d => d.Order))
        {
            var root = _groups.Find(developer.Name);
            if (!exact.TryGetValue(root, out var person))
            {
                exact[root] = person = new PersonTotals(developer.Name, developer.Email, developer.Employer, developer.Order);
            }

            person.Changesets += developer.Changesets;
            person.LinesAdded += developer.LinesAdded;
            person.LinesRemoved += developer.LinesRemoved;
            person.Emails.AddAll(developer.Emails);
        }

        // Then the name variants of one person, unless exact names are asked for.
        var personOf = exact.Keys.ToDictionary(k => k, k => k, StringComparer.Ordinal);
        var (people, merged) = identities.ExactNames ? (exact, []) : JoinVariants(exact, personOf);
        var personByFoldedName = identities.ExactNames
            ? []
            : _developers.Keys.GroupBy(IdentityMerger.Fold, StringComparer.Ordinal).ToDictionary(g => g.Key, g => personOf[_groups.Find(g.First())], StringComparer.Ordinal);

        var reviewers = new Dictionary<string, ReviewerTotals>(StringComparer.Ordinal);
        var reviewsByEmployer = new Dictionary<string, int>(StringComparer.Ordinal);
        int reviews = 0, tests = 0, reports = 0, seen = 0;
        foreach (var ((rawName, rawEmail, day), credit) in _credits.OrderByDescending(c => c.Key.Day))
        {
            var (name, email) = mailmap.TryGetValue((rawName, rawEmail), out var mapped) ? mapped : (rawName, rawEmail);
            var employerName = identities.EmployerOf(email, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            reviews += credit.Reviews;
            tests += credit.Tests;
            reports += credit.Reports;
            var key = ReviewerKey(name, email);
            if (personOf.TryGetValue(key, out var personKey))
            {
                key = personKey;
            }
            else if (!identities.ExactNames)
            {
                // Someone who only reviews is one person under every folded form of the name.
                var folded = IdentityMerger.Fold(name);
                key = personByFoldedName.GetValueOrDefault(folded) ?? "\u0001" + folded;
            }

            if (!reviewers.TryGetValue(key, out var reviewer))
            {
                reviewers[key] = reviewer = new ReviewerTotals(email, employerName);
            }

            reviewer.AddForm(name, credit.Reviews + credit.Tests + credit.Reports, seen++);
            reviewer.Reviews += credit.Reviews;
            reviewer.Tests += credit.Tests;
            reviewer.Reports += credit.Reports;
            if (people.TryGetValue(key, out var person))
            {
                person.Reviews += credit.Reviews;
                person.Tests += credit.Tests;
                person.Reports += credit.Reports;
            }

            if (credit.Reviews > 0)
            {
                // Reviews from an employer with no changesets in the range still count for it.
                reviewsByEmployer[employerName] = reviewsByEmployer.GetValueOrDefault(employerName) + credit.Reviews;
            }
        }

        var byDeveloper = people.Values
            .Select(d => new DeveloperStats(d.Name, d.Email, d.Employer, d.Changesets, d.LinesAdded, d.LinesRemoved, d.Reviews, d.Tests, d.Reports, Share(d.Changesets, changesets)))
            .OrderByDescending(d => d.Changesets).ThenBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
        var byEmployer = _employers.Keys.Union(reviewsByEmployer.Keys, StringComparer.Ordinal)
            .Select(name => (Totals: _employers.GetValueOrDefault(name) ?? new EmployerTotals(name), Reviews: reviewsByEmployer.GetValueOrDefault(name)))
            .Where(e => e.Totals.Changesets > 0 || e.Reviews > 0)
            .Select(e => new EmployerStats(
                e.Totals.Name,
                e.Totals.Changesets,
                e.Totals.DeveloperKeys.Select(k => personOf[_groups.Find(k)]).Distinct(StringComparer.Ordinal).Count(),
                e.Totals.LinesAdded,
                e.Totals.LinesRemoved,
                e.Reviews,
                Share(e.Totals.Changesets, changesets)))
            .OrderByDescending(e => e.Changesets).ThenByDescending(e => e.Reviews).ThenBy(e => e.Employer, StringComparer.Ordinal)
            .ToList();
        var byReviewer = reviewers
            .Select(r => (Name: people.TryGetValue(r.Key, out var asPerson) ? asPerson.Name : r.Value.Name, Totals: r.Value))
            .Select(r => new ReviewerStats(r.Name, r.Totals.Email, r.Totals.Employer, r.Totals.Reviews, r.Totals.Tests, r.Totals.Reports))
            .OrderByDescending(r => r.Reviews).ThenByDescending(r => r.Tests + r.Reports).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();

        return new ContributionStats(
            from,
            to,
            changesets,
            people.Count,
            _employers.Values.Count(e => e.Changesets > 0),
            people.Values.Sum(d => d.LinesAdded),
            people.Values.Sum(d => d.LinesRemoved),
            reviews,
            tests,
            reports,
            byDeveloper,
            byEmployer,
            byReviewer,
            merged,
            null,
            null);
    }

    /// <summary>
    /// Joins the name variants among <paramref name="exact"/> (keyed by name); points each key of
    /// <paramref name="personOf"/> at its group's key and returns the groups with those joined.
    /// </summary>
    private static (Dictionary<string, PersonTotals> People, List<MergedIdentity> Merged) JoinVariants(Dictionary<string, PersonTotals> exact, Dictionary<string, string> personOf)
    {
        var rows = exact.ToList();
        var groupOf = IdentityMerger.Group(rows, r => r.Value.Name, r => r.Value.Emails.Addresses);
        var people = new Dictionary<string, PersonTotals>(StringComparer.Ordinal);
        var merged = new List<MergedIdentity>();
        foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => groupOf[i]))
        {
            var key = rows[group.Key].Key;
            var members = group.Select(i => rows[i].Value).ToList();
            foreach (var i in group)
            {
                personOf[rows[i].Key] = key;
            }

            if (members.Count == 1)
            {
                people[key] = members[0];
                continue;
            }

            var newest = members.MinBy(m => m.Order)!;
            var name = IdentityMerger.PickName(members.Select(m => (m.Name, m.Changesets, m.Order)));
            var emails = new AddressCounts();
            members.ForEach(m => emails.AddAll(m.Emails));
            var person = new PersonTotals(name, emails.MostUsed(), newest.Employer, newest.Order)
            {
                Changesets = members.Sum(m => m.Changesets),
                LinesAdded = members.Sum(m => m.LinesAdded),
                LinesRemoved = members.Sum(m => m.LinesRemoved),
            };
            person.Emails.AddAll(emails);
            people[key] = person;
            merged.Add(new MergedIdentity(
                name,
                [.. members.OrderByDescending(m => m.Changesets).ThenBy(m => m.Name, StringComparer.Ordinal).Select(m => new IdentityVariant(m.Name, m.Email, m.Changesets))]));
        }

        return (people, [.. merged.OrderByDescending(m => m.Variants.Sum(v => v.Changesets)).ThenBy(m => m.Name, StringComparer.Ordinal)]);
    }

    /// <summary>The person a trailer names: by aliased address, else the author with that address, else the name.</summary>
    private string ReviewerKey(string name, string email)
    {
        var aliased = identities.DeveloperKey(name, email);
        if (aliased != name && _groups.Knows(aliased))
        {
            return _groups.Find(aliased);
        }

        if (email.Length > 0 && _authorKeyByEmail.TryGetValue(email, out var authorKey))
        {
            return _groups.Find(authorKey);
        }

        return _developers.ContainsKey(name) ? _groups.Find(name) : name;
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round(part * 100.0 / whole, 1);

    internal sealed record CommitFacts(string Sha, DeveloperTotals Developer, EmployerTotals Employer);

    internal sealed class DeveloperTotals(string name, string email, string employer, int order)
    {
        public string Name { get; } = name;

        public string Email { get; } = email;

        public string Employer { get; } = employer;

        public int Order { get; } = order;

        public int Changesets { get; set; }

        public long LinesAdded { get; set; }

        public long LinesRemoved { get; set; }

        public AddressCounts Emails { get; } = new();
    }

    internal sealed class EmployerTotals(string name)
    {
        public string Name { get; } = name;

        public int Changesets { get; set; }

        public HashSet<string> DeveloperKeys { get; } = new(StringComparer.Ordinal);

        public long LinesAdded { get; set; }

        public long LinesRemoved { get; set; }
    }

    private sealed class PersonTotals(string name, string email, string employer, int order)
    {
        public string Name { get; } = name;

        public string Email { get; } = email;

        public string Employer { get; } = employer;

        public int Order { get; } = order;

        public AddressCounts Emails { get; } = new();

        public int Changesets { get; set; }

        public long LinesAdded { get; set; }

        public long LinesRemoved { get; set; }

        public int Reviews { get; set; }

        public int Tests { get; set; }

        public int Reports { get; set; }
    }

    private enum CreditKind
    {
        Review,
        Test,
        Report,
    }

    private sealed class CreditTotals
    {
        public int Reviews { get; private set; }

        public int Tests { get; private set; }

        public int Reports { get; private set; }

        public void Add(CreditKind kind)
        {
            switch (kind)
            {
                case CreditKind.Review: Reviews++; break;
                case CreditKind.Test: Tests++; break;
                default: Reports++; break;
            }
        }
    }

    private sealed class ReviewerTotals(string email, string employer)
    {
        private readonly Dictionary<string, (int Count, int Newest)> _forms = new(StringComparer.Ordinal);

        /// <summary>The most credited form of the name (see <see cref="IdentityMerger.PickName"/>).</summary>
        public string Name => IdentityMerger.PickName(_forms.Select(f => (f.Key, f.Value.Count, f.Value.Newest)));

        public string Email { get; } = email;

        public string Employer { get; } = employer;

        public int Reviews { get; set; }

        public int Tests { get; set; }

        public int Reports { get; set; }

        public void AddForm(string name, int count, int newest) =>
            _forms[name] = _forms.TryGetValue(name, out var known) ? (known.Count + count, Math.Min(known.Newest, newest)) : (count, newest);
    }
}
