using System.CommandLine;
using Herald.Cli.Rendering;
using Herald.History;
using Herald.Policy;
using Herald.Releases;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald status</c>: every series' support status on a date.</summary>
internal static class StatusCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var asOf = AsOfOption.Create();
        var format = new Option<string>("--format")
        {
            Description = "table, json (same as --json) or endoflife (endoflife.date's release-cycle JSON).",
            DefaultValueFactory = _ => "table",
            HelpName = "FORMAT",
        };
        format.AcceptOnlyFromAmong("table", "json", "endoflife");
        var database = IndexCommand.DatabaseOption();
        var command = new Command("status", """
            Every series' support status on a date, newest first: development, supported (general
            support), security (security fixes only) or eol. Dates come from [[policy.series]] in
            herald.toml, else the stable branch's SUPPORT.md statement, else the [policy] months counted
            from the X.Y.0 release. An end date is inclusive: on Supported-Until the series is still
            supported. Also shows the newest release on or before the date, the non-merge commits
            waiting on the stable branch since (on the mainline for the newest series when it is
            released from there without a stable branch), and whether a point release is due.

            --as-of shows the project as it stood at the end of that day (UTC): only series released,
            branched or with a candidate by then, plus the one in development after the newest
            release; each branch's SUPPORT.md as it read then (TBD dates stay unknown).

            Without [policy] in herald.toml, a series with no statement gets Herald's default windows
            (18 months general, 36 security): its Source is "default" and a note on standard error says
            so. Set [policy] to state the project's own.

            A series whose next publish waits for an embargo is shown as held ("held": true in --json,
            with "heldBy": each advisory and its embargo's end in UTC): an advisory not yet public is
            linked to one of its releases, or named by a commit of its latest release's range or on its
            branch since. 'herald publish' refuses such a release until the embargo ends.

            Example:
              herald status --repo ~/src/xen
              herald status --as-of 2024-06-12 --json
              herald status --format endoflife > xen.json
            """);
        common.AddTo(command);
        command.Options.Add(asOf);
        command.Options.Add(format);
        command.Options.Add(database);
        command.SetAction(async (result, cancellationToken) =>
        {
            var project = common.Open(result, console);
            var date = AsOfOption.Read(result, asOf, console);
            var report = StatusReport.Build(project.Repository, project.Catalog, project.Config.Policy, date, project.Mainline);
            var holds = await PublishCommand.LoadHoldsAsync(project, result.GetValue(database), console, cancellationToken);
            var now = console.Clock.GetUtcNow();
            var series = report.Series.Select(s =>
            {
                var heldBy = SeriesId.TryParse(s.Series, out var id) ? holds.ForSeries(id, s.Branch, now) : [];
                // Written only for a held series: a series nothing holds has the same record as /api/status serves.
                return heldBy.Count > 0 ? s with { Held = true, HeldBy = heldBy } : s;
            }).ToList();
            foreach (var warning in report.Warnings)
            {
                console.Error.WriteLine("herald: warning: " + warning);
            }

            if (report.DefaultsNote is { } note)
            {
                console.Notes.Add("herald: " + note);
            }

            var chosen = result.GetValue(common.Json) ? "json" : result.GetValue(format);
            if (chosen == "json")
            {
                console.Out.WriteLine(HeraldJson.Serialize(series));
                return 0;
            }

            if (chosen == "endoflife")
            {
                console.Out.WriteLine(HeraldJson.Serialize(EndOfLifeCycle.From(report)));
                return 0;
            }

            Write(console, report, series);
            foreach (var s in series.Where(s => s.Held == true))
            {
                console.Notes.Add($"herald: {s.Series} is held: {string.Join("; ", s.HeldBy!.Select(h => h.Describe()))}");
            }

            return 0;
        });
        return command;
    }

    private static void Write(CliConsole console, StatusReport report, List<SeriesStatus> series)
    {
        var table = new TextTable { Title = $"Series status on {Format.Date(report.AsOf)}" }
            .Column("Series").Column("Status").Column("Released").Column("Supported until").Column("Security until")
            .Column("Latest").Column("Latest date").Column("Unreleased", right: true).Column("Due").Column("Source");
        foreach (var s in series)
        {
            table.Row(
                s.Series,
                s.Status.ToString().ToLowerInvariant() + (s.Held == true ? " (held)" : string.Empty),
                Date(s.Released),
                Date(s.SupportedUntil),
                Date(s.SecurityUntil),
                s.Latest ?? "-",
                Date(s.LatestDate),
                Format.Number(s.UnreleasedCommits),
                s.PointReleaseDue ? "yes" : s.NextPointRelease is { } next ? Format.Date(next) : "-",
                s.Source.ToString().ToLowerInvariant());
        }

        table.Styler = (row, column) => column == 1 ? StatusColour(report.Series[row].Status) : null;
        table.Write(console);
    }

    private static Color? StatusColour(SupportStatus status) => status switch
    {
        SupportStatus.Supported => Color.Green,
        SupportStatus.Security => Color.Yellow,
        SupportStatus.Eol => Color.Grey,
        _ => Color.Blue,
    };

    private static string Date(DateOnly? date) => date is { } d ? Format.Date(d) : "-";
}
