using System.CommandLine;
using Herald.Cli.Rendering;
using Herald.Publishing;
using Herald.Storage;

namespace Herald.Cli.Commands;

/// <summary><c>herald import DIR</c>: an old download tree, verified against the tags, in the download layout.</summary>
internal static class ImportCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var directory = new Argument<string>("DIR") { Description = "The download tree to import (tarballs, .sig/.asc signatures, checksum files)." };
        var force = new Option<bool>("--force") { Description = "Replace releases that already have files in the store." };
        var command = new Command("import", """
            Imports an existing download tree (an old server's files) into the artifact store under
            release/<slug>/<version>/, the layout 'herald publish' uses, so that the portal lists them.
            Each <slug>-<version>.tar.gz (.tgz, .tar.xz, .tar.bz2, .tar) anywhere in DIR goes to its release;
            its .sig or .asc signature beside it is kept as it is (never re-signed), as are <name>.sha256,
            .sha512 and .md5 files; SHA256SUMS, SHA512SUMS or MD5SUMS beside it are checked against its bytes.
            Each tarball is compared with 'git archive --prefix=<slug>-<version>/' of the release tag:
            "verified" means the decompressed tarball holds the same regular files (bytes and executable
            bit) and links at the same paths (folders, owners, times and compression are not compared);
            "differs" lists the first differing paths; "unverifiable" says why. The verdicts are kept in
            the release folder (VERIFICATION) and shown with the files. Nothing in DIR is trusted: symbolic
            links out of DIR, hidden names and files that are not regular are rejected and reported.
            A release that already has files is left alone unless --force.

            Example:
              herald import /srv/old-downloads/oss-xen/release --repo ~/src/xen
            """);
        common.AddTo(command);
        command.Arguments.Add(directory);
        command.Options.Add(force);
        command.SetAction(async (result, cancellationToken) =>
        {
            var project = common.Open(result, console);
            DataFolder.EnsureWritable(project.DataDirectory);
            var tree = Path.GetFullPath(result.GetRequiredValue(directory), console.CurrentDirectory);
            ImportResult imported;
            using (var progress = new ProgressDisplay(console, "importing"))
            {
                var store = ArtifactStore.For(project);
                try
                {
                    imported = await new Importer(project).ImportAsync(store, tree, result.GetValue(force), new Progress<string>(p => progress.Report("importing " + p)), cancellationToken);
                }
                finally
                {
                    (store as IDisposable)?.Dispose();
                }
            }

            if (result.GetValue(common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(imported));
                return 0;
            }

            var table = new TextTable { Title = $"Imported {imported.Releases.Count(r => r.Imported)} releases, {imported.Releases.Count(r => !r.Imported)} already had files" }
                .Column("Release").Column("File").Column("Verdict").Column("Signature").Column("Detail");
            foreach (var release in imported.Releases)
            {
                if (!release.Imported)
                {
                    table.Row(release.Version, "-", "not imported", "-", "already has files (--force replaces them)");
                }

                foreach (var (name, check) in release.Files)
                {
                    var detail = check.Differences.Count > 0 ? check.Detail + ": " + string.Join(", ", check.Differences.Take(3)) : check.Detail;
                    table.Row(release.Version, name, check.Verdict.ToString().ToLowerInvariant(), check.Signature ?? "none", detail);
                }
            }

            table.Write(console);
            foreach (var rejection in imported.Rejected)
            {
                console.Out.WriteLine($"rejected {rejection.Path}: {rejection.Reason}");
            }

            return 0;
        });
        return command;
    }
}
