using Herald.History;

namespace Herald.Stats;

/// <summary>Accumulates the figures of a range one commit at a time (see <see cref="StatsCalculator"/>).</summary>
internal sealed class Tally(IdentityResolver identities)
{
    private readonly Dictionary<string, DeveloperTotals> _developers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmployerTotals> _employers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _authorKeyByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Name, string Email, string Employer), CreditTotals> _credits = [];
    private readonly List<CommitFacts> _commits = [];

    public IReadOnlyList<CommitFacts> Commits => _commits;

    public void Add(Commit commit)
    {
        var author = commit.Author;
        var key = identities.DeveloperKey(author.Name, author.Email);
        var employerName = identities.EmployerOf(author.Email, author.Date);
        if (!_developers.TryGetValue(key, out var developer))
        {
            // History is read newest first: the first commit seen gives the current name, address and employer.
            _developers[key] = developer = new DeveloperTotals(author.Name, author.Email, employerName);
        }

        developer.Changesets++;
        _authorKeyByEmail.TryAdd(author.Email, key);
        if (!_employers.TryGetValue(employerName, out var employer))
        {
            _employers[employerName] = employer = new EmployerTotals(employerName);
        }

        employer.Changesets++;
        employer.Developers.Add(key);
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
            var creditKey = (name, email, identities.EmployerOf(email, author.Date));
            if (!_credits.TryGetValue(creditKey, out var credit))
            {
                _credits[creditKey] = credit = new CreditTotals();
            }

            credit.Add(kind.Value);
        }
    }

    public ContributionStats Build(string? from, string to)
    {
        var changesets = _commits.Count;
        var reviewers = new Dictionary<string, ReviewerTotals>(StringComparer.Ordinal);
        int reviews = 0, tests = 0, reports = 0;
        foreach (var ((name, email, employerName), credit) in _credits)
        {
            reviews += credit.Reviews;
            tests += credit.Tests;
            reports += credit.Reports;
            var key = ReviewerKey(name, email);
            if (!reviewers.TryGetValue(key, out var reviewer))
            {
                var display = _developers.TryGetValue(key, out var asDeveloper) ? asDeveloper.Name : name;
                reviewers[key] = reviewer = new ReviewerTotals(display, email, employerName);
            }

            reviewer.Reviews += credit.Reviews;
            reviewer.Tests += credit.Tests;
            reviewer.Reports += credit.Reports;
            if (_developers.TryGetValue(key, out var developer))
            {
                developer.Reviews += credit.Reviews;
                developer.Tests += credit.Tests;
                developer.Reports += credit.Reports;
            }

            if (credit.Reviews > 0)
            {
                if (!_employers.TryGetValue(employerName, out var employer))
                {
                    // Reviews from an employer with no changesets in the range still count for it.
                    _employers[employerName] = employer = new EmployerTotals(employerName);
                }

                employer.Reviews += credit.Reviews;
            }
        }

        var byDeveloper = _developers.Values
            .Select(d => new DeveloperStats(d.Name, d.Email, d.Employer, d.Changesets, d.LinesAdded, d.LinesRemoved, d.Reviews, d.Tests, d.Reports, Share(d.Changesets, changesets)))
            .OrderByDescending(d => d.Changesets).ThenBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
        var byEmployer = _employers.Values
            .Where(e => e.Changesets > 0 || e.Reviews > 0)
            .Select(e => new EmployerStats(e.Name, e.Changesets, e.Developers.Count, e.LinesAdded, e.LinesRemoved, e.Reviews, Share(e.Changesets, changesets)))
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
            _developers.Count,
            _employers.Values.Count(e => e.Changesets > 0),
            _developers.Values.Sum(d => d.LinesAdded),
            _developers.Values.Sum(d => d.LinesRemoved),
            reviews,
            tests,
            reports,
            byDeveloper,
            byEmployer,
            byReviewer,
            null,
            null);
    }

    private string ReviewerKey(string name, string email)
    {
        var key = identities.DeveloperKey(name, email);
        if (key != name || email.Length == 0)
        {
            return key;
        }

        return _authorKeyByEmail.TryGetValue(email, out var authorKey) ? authorKey : name;
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round(part * 100.0 / whole, 1);

    internal sealed record CommitFacts(string Sha, DeveloperTotals Developer, EmployerTotals Employer);

    internal sealed class DeveloperTotals(string name, string email, string employer)
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

    internal sealed class EmployerTotals(string name)
    {
        public string Name { get; } = name;

        public int Changesets { get; set; }

        public HashSet<string> Developers { get; } = new(StringComparer.Ordinal);

        public long LinesAdded { get; set; }

        public long LinesRemoved { get; set; }

        public int Reviews { get; set; }
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
