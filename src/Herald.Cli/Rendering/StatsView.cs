using Herald.Stats;

namespace Herald.Cli.Rendering;

/// <summary>Renders <see cref="ContributionStats"/> as a headline table and per-developer, employer and reviewer tables.</summary>
internal static class StatsView
{
    public static void Write(CliConsole console, ContributionStats stats, int limit)
    {
        var range = stats.From is null ? stats.To : $"{stats.From}..{stats.To}";
        var headline = new TextTable { Title = $"Statistics of {range}" }.Column("Figure").Column("Value", right: true);
        if (stats.Previous is { } previous)
        {
            headline.Column($"Previous ({(previous.From is null ? previous.To : previous.From + ".." + previous.To)})", right: true).Column("Growth", right: true);
        }

        Add(headline, stats, "Changesets", stats.Changesets, stats.Previous?.Changesets, stats.Growth?.Changesets);
        Add(headline, stats, "Developers", stats.Developers, stats.Previous?.Developers, stats.Growth?.Developers);
        Add(headline, stats, "Employers", stats.Employers, stats.Previous?.Employers, stats.Growth?.Employers);
        Add(headline, stats, "Lines added", stats.LinesAdded, stats.Previous?.LinesAdded, null);
        Add(headline, stats, "Lines removed", stats.LinesRemoved, stats.Previous?.LinesRemoved, null);
        Add(headline, stats, "Reviews", stats.Reviews, stats.Previous?.Reviews, null);
        Add(headline, stats, "Tests", stats.Tests, stats.Previous?.Tests, null);
        Add(headline, stats, "Reports", stats.Reports, stats.Previous?.Reports, null);
        headline.Write(console);
        console.Out.WriteLine();

        var developers = new TextTable { Title = Titled("Developers", stats.ByDeveloper.Count, limit) }
            .Column("Developer").Column("Employer").Column("Changesets", right: true).Column("Share", right: true)
            .Column("Added", right: true).Column("Removed", right: true).Column("Reviews", right: true);
        foreach (var d in Take(stats.ByDeveloper, limit))
        {
            developers.Row(d.Name, d.Employer, Format.Number(d.Changesets), Format.Percent(d.Share), Format.Number(d.LinesAdded), Format.Number(d.LinesRemoved), Format.Number(d.Reviews));
        }

        developers.Write(console);
        console.Out.WriteLine();

        var employers = new TextTable { Title = Titled("Employers", stats.ByEmployer.Count, limit) }
            .Column("Employer").Column("Changesets", right: true).Column("Share", right: true).Column("Developers", right: true)
            .Column("Added", right: true).Column("Removed", right: true).Column("Reviews", right: true);
        foreach (var e in Take(stats.ByEmployer, limit))
        {
            employers.Row(e.Employer, Format.Number(e.Changesets), Format.Percent(e.Share), Format.Number(e.Developers), Format.Number(e.LinesAdded), Format.Number(e.LinesRemoved), Format.Number(e.Reviews));
        }

        employers.Write(console);
        if (stats.ByReviewer.Count == 0)
        {
            return;
        }

        console.Out.WriteLine();
        var reviewers = new TextTable { Title = Titled("Reviewers", stats.ByReviewer.Count, limit) }
            .Column("Reviewer").Column("Employer").Column("Reviews", right: true).Column("Tests", right: true).Column("Reports", right: true);
        foreach (var r in Take(stats.ByReviewer, limit))
        {
            reviewers.Row(r.Name, r.Employer, Format.Number(r.Reviews), Format.Number(r.Tests), Format.Number(r.Reports));
        }

        reviewers.Write(console);
    }

    /// <summary>
    /// One line naming the developers joined from name variants, or null when none were: at most
    /// <paramref name="named"/> of them by name, the biggest first.
    /// </summary>
    public static string? MergeSummary(ContributionStats stats, int named = 5)
    {
        if (stats.Merged is not { Count: > 0 } merged)
        {
            return null;
        }

        var variants = merged.Sum(m => m.Variants.Count);
        var list = string.Join(", ", merged.Take(named).Select(m => $"{m.Name} ({m.Variants.Count} forms)"));
        var more = merged.Count > named ? $" and {merged.Count - named} more" : string.Empty;
        return $"herald: merged {variants} identities into {merged.Count} {(merged.Count == 1 ? "developer" : "developers")} with name variants: {list}{more} (--exact-names counts them apart).";
    }

    private static void Add(TextTable table, ContributionStats stats, string name, long value, long? previous, double? growth)
    {
        if (stats.Previous is null)
        {
            table.Row(name, Format.Number(value));
            return;
        }

        table.Row(name, Format.Number(value), previous is null ? "-" : Format.Number(previous.Value), growth is null && name is not ("Changesets" or "Developers" or "Employers") ? string.Empty : Format.Growth(growth));
    }

    private static string Titled(string name, int count, int limit) =>
        limit > 0 && count > limit ? $"{name} (top {limit} of {Format.Number(count)})" : $"{name} ({Format.Number(count)})";

    private static IEnumerable<T> Take<T>(IReadOnlyList<T> items, int limit) => limit > 0 ? items.Take(limit) : items;
}
