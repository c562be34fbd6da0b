using System.CommandLine;
using Herald.Backports;
using Herald.Cli.Rendering;
using Herald.History;

namespace Herald.Cli.Commands;

/// <summary><c>herald contains SHA</c>: which branches and releases have a fix.</summary>
internal static class ContainsCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var sha = new Argument<string>("SHA") { Description = "A commit id (abbreviated is fine): a mainline fix or one of its backports." };
        var command = new Command("contains", """
            Every branch (the mainline included) that holds a commit or a backport of it (by trailer,
            cherry-pick line or identical patch-id), the commit there, and the first release of that
            branch's series that contains it (for the mainline: the first release of any series).

            Example:
              herald contains 5793b84c5e8f --repo ~/src/xen
              herald contains 5793b84c5e8f --json
            """);
        common.AddTo(command);
        command.Arguments.Add(sha);
        command.SetAction(result =>
        {
            var project = common.Open(result, console);
            var patchIds = project.OpenPatchIdCache();
            var report = ContainsReport.Build(project.Repository, project.Catalog, project.Mainline, patchIds, Environment.ProcessorCount, result.GetRequiredValue(sha));
            patchIds.Save();
            if (result.GetValue(common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(report));
                return 0;
            }

            var table = new TextTable { Title = $"{Format.ShortSha(report.Commit)} {report.Subject}" }
                .Column("Branch").Column("Series").Column("Commit").Column("First release");
            foreach (var b in report.Branches)
            {
                table.Row(b.Branch, b.Series ?? "-", Format.ShortSha(b.Commit), b.Release ?? "unreleased");
            }

            table.Write(console);
            return 0;
        });
        return command;
    }
}
