using System.CommandLine;
using Herald.Cli.Rendering;
using Herald.Publishing;
using Herald.Releases;
using Herald.Storage;

namespace Herald.Cli.Commands;

/// <summary><c>herald publish VERSION</c>: signed source releases in the download layout.</summary>
internal static class PublishCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var version = new Argument<string?>("VERSION") { Description = "The release to publish, e.g. 4.19.1 (or --all).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Publish every release that has no files yet (resumable: a rerun skips what is published)." };
        var series = new Option<string?>("--series") { Description = "With --all: only the releases of this series, e.g. 4.19.", HelpName = "SERIES" };
        var dev = new Option<string?>("--dev") { Description = "Publish a development build of this branch's head under dev/<slug>/<branch>/<yyyymmdd>-<sha>/ (signed when a key exists).", HelpName = "BRANCH" };
        var from = new Option<string?>("--from") { Description = "With --all: only releases from this version on, e.g. 4.10.0.", HelpName = "VERSION" };
        var key = new Option<string?>("--key") { Description = "The armoured secret release key (default: DATA/keys/secret.asc).", HelpName = "FILE" };
        var passphrase = KeyCommand.PassphraseOption();
        var add = new Option<string[]>("--add") { Description = "Extra files to publish with the release (checksummed and signed the same way).", AllowMultipleArgumentsPerToken = true, HelpName = "FILE" };
        var formats = new Option<string[]>("--format") { Description = "Archive formats: tar.gz, tar.xz, tar (default: tar.gz and tar.xz).", AllowMultipleArgumentsPerToken = true, HelpName = "FORMAT" };
        var force = new Option<bool>("--force") { Description = "Replace a release already published with different files." };
        var command = new Command("publish", """
            Publishes a release under release/<slug>/<version>/ in the artifact store ([downloads] store: a
            folder or an s3://bucket/prefix; DATA/artifacts by default): <slug>-<version>.tar.gz and
            .tar.xz made with 'git archive --prefix=<slug>-<version>/' from the release tag (the tar stream
            exactly as git gives it, compressed deterministically), extra files, SHA256SUMS and SHA512SUMS,
            and a detached armoured OpenPGP signature (.sig, SHA-256) of every file. Atomic: the release
            appears whole or not at all. Publishing the same bytes again changes nothing; different bytes
            need --force.

            --dev BRANCH publishes a development build: a source snapshot of the branch head (tar.gz unless
            --format says otherwise) and any --add files, with SHA256SUMS, SHA512SUMS and signatures when a
            key exists, under dev/<slug>/<branch>/<yyyymmdd>-<short sha>/ (the UTC date of publishing). The
            newest [downloads] dev_keep (10) builds per branch are kept; the portal lists them at
            /downloads/dev and in /feeds/dev.atom, never among releases.

            --all publishes, oldest first, every release (of --series, from --from on) that has no files in
            the store yet, each one atomically as above: a rerun skips what is published and an interrupted
            run resumes. It prints how many were published, already there and failed (with the reason), and
            exits 1 when any failed.

            Example:
              herald publish 4.19.1 --repo ~/src/xen --key keys/secret.asc --passphrase-file pass.txt
              herald publish 4.19.1 --add xen-win-pv-drivers-4.19.1.zip --json
              herald publish --all --from 4.10.0
              herald publish --dev master --add build/xen.efi
            """);
        common.AddTo(command);
        command.Arguments.Add(version);
        command.Options.Add(key);
        command.Options.Add(passphrase);
        command.Options.Add(add);
        command.Options.Add(formats);
        command.Options.Add(force);
        command.Options.Add(all);
        command.Options.Add(series);
        command.Options.Add(from);
        command.Options.Add(dev);
        command.Validators.Add(parsed =>
        {
            var bulk = parsed.GetValue(all);
            var modes = (bulk ? 1 : 0) + (parsed.GetValue(version) is null ? 0 : 1) + (parsed.GetValue(dev) is null ? 0 : 1);
            if (modes != 1)
            {
                parsed.AddError("give one of a VERSION, --all or --dev BRANCH.");
            }
            else if (parsed.GetValue(dev) is not null && parsed.GetValue(force))
            {
                parsed.AddError("--force goes with a single VERSION, not --dev.");
            }
            else if (!bulk && (parsed.GetValue(series) is not null || parsed.GetValue(from) is not null))
            {
                parsed.AddError("--series and --from go with --all.");
            }
            else if (bulk && ((parsed.GetValue(add) ?? []).Length > 0 || parsed.GetValue(force)))
            {
                parsed.AddError("--add and --force go with a single VERSION, not --all.");
            }
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var project = common.Open(result, console);
            // Before the key (DATA/keys by default): a data folder Herald cannot write is the error to name.
            DataFolder.EnsureWritable(project.DataDirectory);
            var keyPath = result.GetValue(key) is { } k ? Path.GetFullPath(k, console.CurrentDirectory) : Path.Combine(project.DataDirectory, "keys", "secret.asc");
            var extra = (result.GetValue(add) ?? []).Select(f => Path.GetFullPath(f, console.CurrentDirectory)).ToList();
            if (result.GetValue(dev) is { } branch)
            {
                // A development build is signed when there is a key, and published unsigned when there is none.
                var devKey = result.GetValue(key) is not null || File.Exists(keyPath) ? ReleaseKey.Load(keyPath, KeyCommand.ReadPassphrase(result, passphrase, console)) : null;
                var devFormats = result.GetValue(formats) is { Length: > 0 } df ? df : ["tar.gz"];
                return await PublishDevAsync(console, project, new DevPublisher(project, devKey, console.Clock), branch, extra, devFormats, result.GetValue(common.Json), cancellationToken);
            }

            var releaseKey = ReleaseKey.Load(keyPath, KeyCommand.ReadPassphrase(result, passphrase, console));
            var chosen = result.GetValue(formats) is { Length: > 0 } f ? f : Publisher.DefaultFormats;
            if (result.GetValue(all))
            {
                return await PublishAllAsync(console, project, new Publisher(project, releaseKey, console.Clock), result.GetValue(series), result.GetValue(from), chosen.ToList(), result.GetValue(common.Json), cancellationToken);
            }

            PublishResult published;
            using (new ProgressDisplay(console, "publishing " + result.GetValue(version)!))
            {
                var store = ArtifactStore.For(project);
                try
                {
                    published = await new Publisher(project, releaseKey, console.Clock).PublishAsync(store, result.GetValue(version)!, extra, chosen.ToList(), result.GetValue(force), cancellationToken);
                }
                finally
                {
                    (store as IDisposable)?.Dispose();
                }
            }

            if (result.GetValue(common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(published));
                return 0;
            }

            var table = new TextTable { Title = published.Changed ? $"Published {published.Version}" : $"{published.Version} was already published with these bytes; nothing changed" }
                .Column("File").Column("Size", right: true).Column("SHA-256").Column("Signature");
            foreach (var a in published.Artifacts)
            {
                table.Row(a.Path, Format.Number(a.Size), a.Sha256, a.Signature is null ? "-" : "yes");
            }

            table.Write(console);
            return 0;
        });
        return command;
    }

    private static async Task<int> PublishAllAsync(CliConsole console, HeraldProject project, Publisher publisher, string? seriesText, string? fromText, IReadOnlyList<string> formats, bool json, CancellationToken cancellationToken)
    {
        SeriesId? series = null;
        if (seriesText is not null)
        {
            series = SeriesId.TryParse(seriesText, out var s) ? s : throw new HeraldException($"--series {seriesText}: not a series; give one such as 4.19.");
        }

        ReleaseVersion? from = null;
        if (fromText is not null)
        {
            from = ReleaseVersion.TryParse(fromText, out var v) ? v : throw new HeraldException($"--from {fromText}: not a version; give one such as 4.10.0.");
        }

        var bulk = new BulkPublisher(project, publisher);
        var releases = bulk.Select(series, from);
        BulkPublishResult outcome;
        using (var progress = new ProgressDisplay(console, "publishing"))
        {
            var store = ArtifactStore.For(project);
            try
            {
                outcome = await bulk.PublishAsync(store, releases, formats, new Progress<string>(p => progress.Report("publishing " + p)), cancellationToken);
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        }

        if (json)
        {
            console.Out.WriteLine(HeraldJson.Serialize(outcome));
        }
        else
        {
            console.Out.WriteLine($"Published {outcome.Published.Count}, already there {outcome.AlreadyPublished.Count}, failed {outcome.Failed.Count} (of {releases.Count} releases).");
            if (outcome.Published.Count > 0)
            {
                console.Out.WriteLine("published: " + string.Join(' ', outcome.Published));
            }

            foreach (var failure in outcome.Failed)
            {
                console.Out.WriteLine($"failed {failure.Version}: {failure.Reason}");
            }
        }

        return outcome.Failed.Count > 0 ? HeraldCli.UserError : 0;
    }

    private static async Task<int> PublishDevAsync(CliConsole console, HeraldProject project, DevPublisher publisher, string branch, IReadOnlyList<string> extra, IReadOnlyList<string> formats, bool json, CancellationToken cancellationToken)
    {
        foreach (var format in formats)
        {
            if (format is not ("tar.gz" or "tar.xz" or "tar"))
            {
                throw new HeraldException($"format '{format}' is not supported; use tar.gz, tar.xz or tar.");
            }
        }

        DevPublishResult published;
        using (new ProgressDisplay(console, "publishing a development build of " + branch))
        {
            var store = ArtifactStore.For(project);
            try
            {
                published = await publisher.PublishAsync(store, branch, extra, formats, project.Config.Downloads.DevKeep, cancellationToken);
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        }

        if (json)
        {
            console.Out.WriteLine(HeraldJson.Serialize(published));
            return 0;
        }

        var build = published.Build;
        var table = new TextTable { Title = (published.Changed ? "Published" : "Already published") + $" {build.Branch} {build.Name} ({build.Commit})" }
            .Column("File").Column("Size", right: true).Column("SHA-256").Column("Signature");
        foreach (var a in build.Files)
        {
            table.Row(a.Path, Format.Number(a.Size), a.Sha256, a.Signature is null ? "-" : "yes");
        }

        table.Write(console);
        if (published.Removed.Count > 0)
        {
            console.Out.WriteLine($"removed older builds of {build.Branch}: {string.Join(' ', published.Removed)}");
        }

        return 0;
    }
}
