using System.CommandLine;
using Herald.Stats;

namespace Herald.Cli.Commands;

/// <summary><c>herald shortlog TARGET</c>: the commits of a release or range grouped by author.</summary>
internal static class ShortlogCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var target = new Argument<string>("TARGET") { Description = "A version (4.9.0), a range (A..B) or a ref." };
        var summary = new Option<bool>("--summary", "-s") { Description = "Only the number of commits per author." };
        var exactNames = new Option<bool>("--exact-names") { Description = "Keep name variants apart, exactly as 'git shortlog --no-merges' (after .mailmap and aliases)." };
        var command = new Command("shortlog", """
            The non-merge commits of a release, range or ref grouped by author (after .mailmap and the
            aliases file), authors by number of commits, each author's commits oldest first. The range
            of a release follows the same previous-release rule as 'herald stats'.
            Name variants of one person are joined as in 'herald stats' (names equal after accent and
            case folding, or a shared address that is not generic), under the form with the most
            commits; --exact-names keeps them apart, as 'git shortlog' does.

            Example:
              herald shortlog 4.19.1 --repo ~/src/xen
              herald shortlog RELEASE-4.19.0..stable-4.19 --summary
              herald shortlog 4.9.0 --summary --exact-names
            """);
        common.AddTo(command);
        command.Arguments.Add(target);
        command.Options.Add(summary);
        command.Options.Add(exactNames);
        command.SetAction(result =>
        {
            var project = common.Open(result, console);
            var resolved = project.Targets.Resolve(result.GetRequiredValue(target));
            Shortlog shortlog;
            using (new ProgressDisplay(console, $"reading {resolved.Label}"))
            {
                shortlog = Shortlog.Read(project.Repository, project.Identities.WithExactNames(result.GetValue(exactNames)), resolved.From, resolved.To, resolved.Revisions);
            }

            if (result.GetValue(common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(shortlog));
                return 0;
            }

            var brief = result.GetValue(summary);
            foreach (var author in shortlog.Authors)
            {
                if (brief)
                {
                    console.Out.WriteLine($"{author.Count,6}\t{author.Name}");
                    continue;
                }

                console.Out.WriteLine($"{author.Name} ({author.Count}):");
                foreach (var commit in author.Commits)
                {
                    console.Out.WriteLine("      " + commit.Subject);
                }

                console.Out.WriteLine();
            }

            return 0;
        });
        return command;
    }
}
