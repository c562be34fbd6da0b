using System.CommandLine;
using Herald.Cli.Rendering;
using Herald.Releases;

namespace Herald.Cli.Commands;

/// <summary><c>herald releases</c>: every release of the project, newest first.</summary>
internal static class ReleasesCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var candidates = new Option<bool>("--candidates") { Description = "Include pre-releases: release candidates (-rcN) and -alphaN, -betaN, -preN tags, each shown with its own word and ordered alpha < beta < pre < rc < the release." };
        var series = new Option<string?>("--series") { Description = "Only the releases of one series, e.g. 4.19.", HelpName = "X.Y" };
        var command = new Command("releases", """
            List the releases read from the tags, newest first: version, series, tag, date (tagger date of an
            annotated tag, else the commit date), signature, commit, stable branch. Tags of tags are
            followed to their commit (the outer tag's date and signature count).

            Tag patterns ([releases] in herald.toml; detected when absent):
              {version}   the dotted version: 0.99, 4.19.0, 1.4.1.1 (after 1.4.1), 1.1.1w (after 1.1.1v)
              {major} {minor} {patch} {build} {letter}
                          its parts, for any separator: "name-{major}_{minor}_{patch}"
              {series}    major.minor: branches "stable-{series}"; candidates "v{series}-rc{n}"
              {n}         a candidate's number; the word rc before it also reads alpha, beta, pre
            tag and candidate may be lists, one pattern per era of a scheme that changed:
              tag = ["v{version}", "{version}"]
            A branch pattern without {series} ("maint") is one branch carrying the newest series.

            Example:
              herald releases --repo ~/src/xen --series 4.19
              herald releases --candidates --json
            """);
        common.AddTo(command);
        command.Options.Add(candidates);
        command.Options.Add(series);
        command.SetAction(result =>
        {
            var project = common.Open(result, console);
            var catalog = project.Catalog;
            IEnumerable<Release> releases = catalog.Releases;
            if (result.GetValue(candidates))
            {
                releases = releases.Concat(catalog.Candidates);
            }

            if (result.GetValue(series) is { } seriesText)
            {
                if (!SeriesId.TryParse(seriesText, out var wanted))
                {
                    throw new HeraldException($"'{seriesText}' is not a series; write it as major.minor, e.g. --series 4.19.");
                }

                releases = releases.Where(r => r.Series == wanted);
            }

            var list = releases
                .OrderDescending(Release.Order)
                .Select(r => ReleaseInfo.From(r, catalog))
                .ToList();
            if (result.GetValue(common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(list));
                return 0;
            }

            var table = new TextTable()
                .Column("Version").Column("Series").Column("Tag").Column("Date").Column("Signed").Column("Commit").Column("Branch");
            foreach (var release in list)
            {
                table.Row(release.Version, release.Series, release.Tag, Format.Date(release.Date), release.Signed ? "yes" : "no", Format.ShortSha(release.Commit), release.Branch ?? "-");
            }

            table.Write(console);
            return 0;
        });
        return command;
    }
}
