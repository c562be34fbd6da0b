using System.CommandLine;
using Herald.Cli.Rendering;
using Herald.Stats;

namespace Herald.Cli.Commands;

/// <summary><c>herald stats TARGET</c>: contributor statistics of a release, a range or a ref.</summary>
internal static class StatsCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var target = new Argument<string>("TARGET") { Description = "A version (4.9.0), a range (A..B, of versions or refs) or a ref (its whole history)." };
        var limit = new Option<int>("--limit") { Description = "Rows per table on screen; 0 for all (JSON always has all).", DefaultValueFactory = _ => 20, HelpName = "N" };
        var jobs = new Option<int?>("--jobs") { Description = "git processes counting lines at once (default: one per processor).", HelpName = "N" };
        var exactNames = new Option<bool>("--exact-names") { Description = "Count name variants apart, as 'git shortlog -sn --no-merges' does (after .mailmap and aliases)." };
        var command = new Command("stats", """
            Contributor statistics of a release, a range or a ref's history.

            Definitions:
              changesets   non-merge commits in the range
              developers   distinct authors after .mailmap and the gitdm aliases file, then
                           joined with their name variants: names equal after accent and case
                           folding (Monné = Monne, ISHII = Ishii), or one shared address unless
                           it is generic (root@localhost, noreply@..., or used by 3+ names); the
                           name shown is the form with the most changesets. A note on stderr
                           lists the joins; --json has them under "merged". With --exact-names
                           (and neither file): the lines 'git shortlog -sn --no-merges RANGE' prints
              employers    distinct employers of those developers, through the gitdm domain map
                           (built-in map of company domains, then [stats] domain_map) at each
                           commit's date; unmapped addresses count as (Unknown)
              lines        added and removed lines of text files (--numstat, renames followed)
              reviews      Reviewed-by and Acked-by trailers, credited to the reviewer and their
                           employer; tests: Tested-by; reports: Reported-by
            A release X.Y.Z covers the previous release of its series up to its tag; X.Y.0 covers the
            previous X.Y.0 (or, with none, the previous release) up to its tag. Growth compares like
            with like: X.Y.0 with the previous X.Y.0, a point release with the same point of the
            previous series (4.9.1 with 4.8.1). A range A..B is what git means: '..B' is 'HEAD..B'.
            Line counts are cached per commit in the data folder.

            Example:
              herald stats 4.9.0 --repo ~/src/xen
              herald stats RELEASE-4.18.0..RELEASE-4.19.0 --json
              herald stats master --limit 0
              herald stats 4.9.0 --exact-names
            """);
        common.AddTo(command);
        command.Arguments.Add(target);
        command.Options.Add(limit);
        command.Options.Add(jobs);
        command.Options.Add(exactNames);
        command.SetAction(result =>
        {
            var project = common.Open(result, console);
            var resolved = project.Targets.Resolve(result.GetRequiredValue(target));
            var cache = project.OpenLineCountCache();
            ContributionStats stats;
            using (var progress = new ProgressDisplay(console, $"reading {resolved.Label}"))
            {
                var identities = project.Identities.WithExactNames(result.GetValue(exactNames));
                var calculator = new StatsCalculator(project.Repository, identities, cache, result.GetValue(jobs), progress);
                stats = calculator.Compute(resolved, project.Catalog);
                cache.Save();
            }

            if (result.GetValue(common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(stats));
                return 0;
            }

            StatsView.Write(console, stats, result.GetValue(limit));
            if (StatsView.MergeSummary(stats) is { } summary)
            {
                console.Notes.Add(summary);
            }

            return 0;
        });
        return command;
    }
}
