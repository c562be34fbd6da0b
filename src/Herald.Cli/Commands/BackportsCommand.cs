using System.CommandLine;
using Herald.Backports;
using Herald.Cli.Rendering;
using Herald.History;
using Herald.Policy;
using Herald.Releases;

namespace Herald.Cli.Commands;

/// <summary><c>herald backports [SERIES]</c>: what waits on stable branches, and what they lack.</summary>
internal static class BackportsCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var seriesArgument = new Argument<string?>("SERIES") { Description = "A series such as 4.19; leave out for every supported series.", Arity = ArgumentArity.ZeroOrOne };
        var asOf = AsOfOption.Create();
        var jobs = new Option<int?>("--jobs") { Description = "git pipelines computing patch-ids at once (default: one per processor).", HelpName = "N" };
        var command = new Command("backports", """
            The non-merge commits on a series' stable branch since its latest release, classified:
              backport   a copy of a mainline commit: 'master commit: SHA' trailer, '(cherry picked
                         from commit SHA)', or an identical 'git patch-id' (patch-ids are computed only
                         for commits without a trailer, and cached in the data folder)
              security   the message names an advisory (XSA-123, CVE-2024-1234)
              other      neither
            and 'missing': mainline commits backported to a newer supported series but not to this
            one, while this series is supported (for a security-only series: security fixes only).
            A missing fix whose 'Fixes:' targets are all absent from the branch (not in its history,
            not backported to it) is listed apart as 'not applicable': introduced after this series.
            Without SERIES: every series that is supported or security-only on the date.

            Example:
              herald backports 4.19 --repo ~/src/xen
              herald backports --json
            """);
        common.AddTo(command);
        command.Arguments.Add(seriesArgument);
        command.Options.Add(asOf);
        command.Options.Add(jobs);
        command.SetAction(result =>
        {
            var project = common.Open(result, console);
            var date = AsOfOption.Read(result, asOf, console);
            var catalog = project.Catalog;
            var (windows, warnings) = StatusReport.ReadWindows(project.Repository, catalog, project.Config.Policy);
            foreach (var warning in warnings)
            {
                console.Error.WriteLine("herald: warning: " + warning);
            }

            var supported = SupportPolicy.MaintainedOn(windows, date);
            List<SeriesId> wanted;
            var text = result.GetValue(seriesArgument);
            if (text is null)
            {
                wanted = supported.Where(catalog.StableBranches.ContainsKey).ToList();
            }
            else
            {
                if (!SeriesId.TryParse(text, out var one))
                {
                    throw new HeraldException($"'{text}' is not a series; write it as major.minor, e.g. 4.19.");
                }

                if (!catalog.StableBranches.ContainsKey(one))
                {
                    throw new HeraldException($"series {one} has no stable branch ({catalog.Scheme.BranchFor(one)}); 'herald status' lists the series.");
                }

                wanted = [one];
            }

            var parallelism = result.GetValue(jobs) ?? Environment.ProcessorCount;
            IReadOnlyList<BackportReport> reports;
            using (new ProgressDisplay(console, "reading stable branches"))
            {
                reports = BackportAnalysis.Run(project, windows, wanted, supported, date, parallelism).Reports;
            }

            if (result.GetValue(common.Json))
            {
                console.Out.WriteLine(text is null ? HeraldJson.Serialize(reports) : HeraldJson.Serialize(reports[0]));
                return 0;
            }

            foreach (var report in reports)
            {
                Write(console, report);
            }

            return 0;
        });
        return command;
    }

    private static void Write(CliConsole console, BackportReport report)
    {
        var commits = new TextTable { Title = $"{report.Branch} ({report.Status.ToString().ToLowerInvariant()}): {report.Commits.Count} commits since {report.Since ?? "the fork"}" }
            .Column("Commit").Column("Date").Column("Kinds").Column("Master").Column("Advisories").Column("Subject");
        foreach (var c in report.Commits)
        {
            commits.Row(Format.ShortSha(c.Sha), Format.Date(c.Date), string.Join(",", c.Kinds.Select(k => k.ToString().ToLowerInvariant())), c.MasterCommit is null ? "-" : Format.ShortSha(c.MasterCommit), c.Advisories.Count == 0 ? "-" : string.Join(",", c.Advisories), c.Subject);
        }

        commits.Write(console);
        console.Out.WriteLine();
        if (report.Missing.Count > 0)
        {
            var missing = new TextTable { Title = $"Missing on {report.Branch}: {report.Missing.Count} fixes newer series have" }
                .Column("Master").Column("Present in").Column("Advisories").Column("Subject");
            foreach (var m in report.Missing)
            {
                missing.Row(Format.ShortSha(m.Sha), string.Join(",", m.PresentIn), m.Advisories.Count == 0 ? "-" : string.Join(",", m.Advisories), m.Subject);
            }

            missing.Write(console);
            console.Out.WriteLine();
        }

        if (report.NotApplicable.Count > 0)
        {
            var notApplicable = new TextTable { Title = $"Not applicable on {report.Branch}: {report.NotApplicable.Count} fixes for code introduced after this series" }
                .Column("Master").Column("Fixes").Column("Introduced in").Column("Advisories").Column("Subject");
            foreach (var n in report.NotApplicable)
            {
                notApplicable.Row(Format.ShortSha(n.Sha), string.Join(",", n.Fixes.Select(Format.ShortSha)), n.IntroducedIn ?? "-", n.Advisories.Count == 0 ? "-" : string.Join(",", n.Advisories), n.Subject);
            }

            notApplicable.Write(console);
            console.Out.WriteLine();
        }
    }
}
