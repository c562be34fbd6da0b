using System.CommandLine;
using Herald.Cli.Rendering;
using Herald.Publishing;
using Herald.Storage;

namespace Herald.Cli.Commands;

/// <summary><c>herald publish VERSION</c>: signed source releases in the download layout.</summary>
internal static class PublishCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var version = new Argument<string>("VERSION") { Description = "The release to publish, e.g. 4.19.1." };
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

            Example:
              herald publish 4.19.1 --repo ~/src/xen --key keys/secret.asc --passphrase-file pass.txt
              herald publish 4.19.1 --add xen-win-pv-drivers-4.19.1.zip --json
            """);
        common.AddTo(command);
        command.Arguments.Add(version);
        command.Options.Add(key);
        command.Options.Add(passphrase);
        command.Options.Add(add);
        command.Options.Add(formats);
        command.Options.Add(force);
        command.SetAction(async (result, cancellationToken) =>
        {
            var project = common.Open(result, console);
            // Before the key (DATA/keys by default): a data folder Herald cannot write is the error to name.
            DataFolder.EnsureWritable(project.DataDirectory);
            var keyPath = result.GetValue(key) is { } k ? Path.GetFullPath(k, console.CurrentDirectory) : Path.Combine(project.DataDirectory, "keys", "secret.asc");
            var releaseKey = ReleaseKey.Load(keyPath, KeyCommand.ReadPassphrase(result, passphrase, console));
            var extra = (result.GetValue(add) ?? []).Select(f => Path.GetFullPath(f, console.CurrentDirectory)).ToList();
            var chosen = result.GetValue(formats) is { Length: > 0 } f ? f : Publisher.DefaultFormats;
            PublishResult published;
            using (new ProgressDisplay(console, "publishing " + result.GetRequiredValue(version)))
            {
                var store = ArtifactStore.For(project);
                try
                {
                    published = await new Publisher(project, releaseKey, console.Clock).PublishAsync(store, result.GetRequiredValue(version), extra, chosen.ToList(), result.GetValue(force), cancellationToken);
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
}
