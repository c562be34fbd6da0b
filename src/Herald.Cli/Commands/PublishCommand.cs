using System.CommandLine;
using Herald.Advisories;
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
        var afterEmbargo = new Option<bool>("--after-embargo") { Description = "For a release an embargo holds: build and sign it now into DATA/held/VERSION/ (never served); the portal publishes it when the embargo ends." };
        var database = IndexCommand.DatabaseOption();
        var command = new Command("publish", """
            Publishes a release under release/<slug>/<version>/ in the artifact store ([downloads] store: a
            folder or an s3://bucket/prefix; DATA/artifacts by default): <slug>-<version>.tar.gz and
            .tar.xz made with 'git archive --prefix=<slug>-<version>/' from the release tag (the tar stream
            exactly as git gives it, compressed deterministically), extra files, SHA256SUMS and SHA512SUMS,
            and a detached armoured OpenPGP signature (.sig, SHA-256) of every file. Atomic: the release
            appears whole or not at all. Publishing the same bytes again changes nothing; different bytes
            need --force.

            A release that would reveal an advisory still under embargo is refused (exit 1, naming the
            advisory and the embargo's end in UTC): the security team linked it to the advisory, or a
            commit of its range names the advisory or one of its CVE ids. --after-embargo builds and
            signs it now into DATA/held/VERSION/, which is never served, and the portal's embargo
            publisher moves it into the artifact store when every advisory holding it is public.

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
              herald publish 4.19.1 --after-embargo
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
        command.Options.Add(afterEmbargo);
        command.Options.Add(database);
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
            else if (parsed.GetValue(afterEmbargo) && parsed.GetValue(version) is null)
            {
                parsed.AddError("--after-embargo goes with a single VERSION.");
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

            // Before the key is read: a held release is refused whatever else is wrong.
            var holds = await LoadHoldsAsync(project, result.GetValue(database), console, cancellationToken);
            var now = console.Clock.GetUtcNow();
            var wanted = result.GetValue(version);
            var heldBy = wanted is not null ? holds.For(wanted, now) : [];
            if (heldBy.Count > 0 && !result.GetValue(afterEmbargo))
            {
                throw Held(wanted!, heldBy);
            }

            if (heldBy.Count == 0 && result.GetValue(afterEmbargo))
            {
                throw new HeraldException($"no advisory under embargo holds {wanted}; publish it without --after-embargo.");
            }

            var releaseKey = ReleaseKey.Load(keyPath, KeyCommand.ReadPassphrase(result, passphrase, console));
            var chosen = result.GetValue(formats) is { Length: > 0 } f ? f : Publisher.DefaultFormats;
            if (result.GetValue(all))
            {
                return await PublishAllAsync(console, project, new Publisher(project, releaseKey, console.Clock), holds, result.GetValue(series), result.GetValue(from), chosen.ToList(), result.GetValue(common.Json), cancellationToken);
            }

            if (heldBy.Count > 0)
            {
                return await StageAsync(console, project, new Publisher(project, releaseKey, console.Clock), result.GetValue(database), wanted!, heldBy, extra, chosen.ToList(), result.GetValue(common.Json), cancellationToken);
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

    /// <summary>
    /// The holds of the project's managed advisories on its releases: none, without creating anything, when the data
    /// folder has no index yet. The CLI runs with the data folder's authority, the security team's.
    /// </summary>
    internal static async Task<ReleaseHolds> LoadHoldsAsync(HeraldProject project, string? connection, CliConsole console, CancellationToken cancellationToken)
    {
        connection ??= project.Config.Database;
        var database = connection is null && !File.Exists(Path.Combine(project.DataDirectory, "index.db")) ? null : IndexDatabase.For(project.DataDirectory, connection);
        return await ReleaseHolds.LoadAsync(database, console.Clock, project.Repository, project.Catalog, cancellationToken);
    }

    /// <summary>The refusal of a held release, naming every advisory holding it and when its embargo ends.</summary>
    internal static HeraldException Held(string version, IReadOnlyList<ReleaseHold> holds) =>
        new($"{version} is held: {string.Join("; ", holds.Select(h => h.Describe()))}. Publish it after that, or stage it now with --after-embargo.");

    private static async Task<int> StageAsync(CliConsole console, HeraldProject project, Publisher publisher, string? connection, string version, IReadOnlyList<ReleaseHold> holds, IReadOnlyList<string> extra, IReadOnlyList<string> formats, bool json, CancellationToken cancellationToken)
    {
        var held = new HeldReleaseStore(project.DataDirectory);
        var advisories = holds.Select(h => h.Advisory).Distinct(StringComparer.Ordinal).ToList();
        PublishResult staged;
        using (new ProgressDisplay(console, "staging " + version))
        {
            staged = await held.StageAsync(publisher, project.Config.Slug, version, advisories, extra, formats, console.Clock.GetUtcNow(), cancellationToken);
        }

        // Linked too, so that the advisory lists what waits for it.
        var database = IndexDatabase.For(project.DataDirectory, connection ?? project.Config.Database);
        foreach (var advisory in advisories)
        {
            await ReleaseHolds.HoldReleaseAsync(database, advisory, staged.Version, console.Clock.GetUtcNow(), cancellationToken);
        }

        var folder = Path.Combine(held.Root, staged.Version);
        if (json)
        {
            console.Out.WriteLine(HeraldJson.Serialize(new StagedOutput(staged.Version, true, folder, holds, staged.Artifacts)));
            return 0;
        }

        var table = new TextTable { Title = $"Staged {staged.Version} in {folder}: published when {string.Join(", ", advisories)} {(advisories.Count == 1 ? "is" : "are")} public" }
            .Column("File").Column("Size", right: true).Column("SHA-256").Column("Signature");
        foreach (var a in staged.Artifacts)
        {
            table.Row(a.Path, Format.Number(a.Size), a.Sha256, a.Signature is null ? "-" : "yes");
        }

        table.Write(console);
        foreach (var hold in holds)
        {
            console.Notes.Add("herald: " + hold.Describe());
        }

        return 0;
    }

    /// <summary>What <c>publish VERSION --after-embargo --json</c> prints.</summary>
    private sealed record StagedOutput(string Version, bool Staged, string Folder, IReadOnlyList<ReleaseHold> HeldBy, IReadOnlyList<PublishedArtifact> Artifacts);

    private static async Task<int> PublishAllAsync(CliConsole console, HeraldProject project, Publisher publisher, ReleaseHolds holds, string? seriesText, string? fromText, IReadOnlyList<string> formats, bool json, CancellationToken cancellationToken)
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
        var now = console.Clock.GetUtcNow();
        var releases = new List<Release>();
        foreach (var candidate in bulk.Select(series, from))
        {
            // A held release waits; it is published by a later run, after its embargo.
            if (holds.For(candidate.Name, now) is { Count: > 0 } heldBy)
            {
                console.Notes.Add($"herald: skipped {Held(candidate.Name, heldBy).Message}");
                continue;
            }

            releases.Add(candidate);
        }

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
