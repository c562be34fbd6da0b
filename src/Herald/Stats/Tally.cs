using Herald.History;

namespace Herald.Stats;

/// <summary>Accumulates the figures of a range one commit at a time (see <see cref="StatsCalculator"/>).</summary>
/// <remarks>
/// A developer is a name after .mailmap, joined with others by the aliases file (<see cref="IdentityGroups"/>).
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
        var people = new Dictionary<string, PersonTotals>(StringComparer.Ordinal);
        foreach (var developer in _developers.Values.OrderBy(d => d.Order))
        {
            var root = _groups.Find(developer.Name);
            if (!people.TryGetValue(root, out var person))
            {
                people[root] = person = new PersonTotals(developer.Name, developer.Email, developer.Employer);
            }

            person.Changesets += developer.Changesets;
            person.LinesAdded += developer.LinesAdded;
            person.LinesRemoved += developer.LinesRemoved;
        }

        var reviewers = new Dictionary<string, ReviewerTotals>(StringComparer.Ordinal);
        var reviewsByEmployer = new Dictionary<string, int>(StringComparer.Ordinal);
        int reviews = 0, tests = 0, reports = 0;
        foreach (var ((rawName, rawEmail, day), credit) in _credits.OrderByDescending(c => c.Key.Day))
        {
            var (name, email) = mailmap.TryGetValue((rawName, rawEmail), out var mapped) ? mapped : (rawName, rawEmail);
            var employerName = identities.EmployerOf(email, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            reviews += credit.Reviews;
            tests += credit.Tests;
            reports += credit.Reports;
            var key = ReviewerKey(name, email);
            if (!reviewers.TryGetValue(key, out var reviewer))
            {
                var display = people.TryGetValue(key, out var asPerson) ? asPerson.Name : name;
                reviewers[key] = reviewer = new ReviewerTotals(display, email, employerName);
            }

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
                e.Totals.DeveloperKeys.Select(_groups.Find).Distinct(StringComparer.Ordinal).Count(),
                e.Totals.LinesAdded,
                e.Totals.LinesRemoved,
                e.Reviews,
                Share(e.Totals.Changesets, changesets)))
            .OrderByDescending(e => e.Changesets).ThenByDescending(e => e.Reviews).ThenBy(e => e.Employer, StringComparer.Ordinal)
            .ToList();
        var byReviewer = reviewers.Values
            .Select(r => new ReviewerStats(r.Name, r.Email, r.Employer, r.Reviews, r.Tests, r.Reports))
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
            null,
            null);
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
    }

    internal sealed class EmployerTotals(string name)
    {
        public string Name { get; } = name;

        public int Changesets { get; set; }

        public HashSet<string> DeveloperKeys { get; } = new(StringComparer.Ordinal);

        public long LinesAdded { get; set; }

        public long LinesRemoved { get; set; }
    }

    private sealed class PersonTotals(string name, string email, string employer)
    {
        public string Name { get; } = name;

        public string Email { get; } = email;

        public string Employer { get; } = employer;

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

    private sealed class ReviewerTotals(string name, string email, string employer)
    {
        public string Name { get; } = name;

        public string Email { get; } = email;

        public string Employer { get; } = employer;

        public int Reviews { get; set; }

        public int Tests { get; set; }

        public int Reports { get; set; }
    }
}
