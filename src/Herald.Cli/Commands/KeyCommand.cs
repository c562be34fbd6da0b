using System.CommandLine;
using Herald.Publishing;

namespace Herald.Cli.Commands;

/// <summary><c>herald key generate|export</c>: the project's OpenPGP release key.</summary>
internal static class KeyCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("key", "The project's OpenPGP release key: 'generate' makes one, 'export' prints the public key.");

        var common = new CommonOptions();
        var name = new Option<string>("--name") { Description = "The key's name, e.g. \"Xen Project Release\".", Required = true, HelpName = "NAME" };
        var email = new Option<string>("--email") { Description = "The key's address.", Required = true, HelpName = "EMAIL" };
        var output = new Option<string?>("--out") { Description = "Where to write secret.asc and public.asc (default: DATA/keys).", HelpName = "DIR" };
        var passphraseFile = PassphraseOption();
        var generate = new Command("generate", """
            Makes a release key pair (RSA 3072, signing) as DIR/secret.asc and DIR/public.asc (armoured);
            the secret key is protected by the passphrase in --passphrase-file when given.

            Example:
              herald key generate --name "Xen Project Release" --email release@xenproject.org --out keys
            """);
        common.AddTo(generate);
        generate.Options.Add(name);
        generate.Options.Add(email);
        generate.Options.Add(output);
        generate.Options.Add(passphraseFile);
        generate.SetAction(result =>
        {
            var folder = result.GetValue(output) is { } o ? Path.GetFullPath(o, console.CurrentDirectory) : DefaultFolder(common, result, console);
            var key = ReleaseKey.Generate(result.GetRequiredValue(name), result.GetRequiredValue(email), ReadPassphrase(result, passphraseFile, console), folder, console.Clock.GetUtcNow());
            console.Out.WriteLine($"{key.Fingerprint} {key.UserId}");
            console.Out.WriteLine($"wrote {Path.Combine(folder, "secret.asc")} and {Path.Combine(folder, "public.asc")}");
            return 0;
        });

        var exportCommon = new CommonOptions();
        var keyFile = new Option<string?>("--key") { Description = "The key file (default: DATA/keys/public.asc).", HelpName = "FILE" };
        var export = new Command("export", """
            Prints the public release key, armoured (the portal serves it at /downloads/KEYS).

            Example:
              herald key export --key keys/secret.asc > KEYS
            """);
        exportCommon.AddTo(export);
        export.Options.Add(keyFile);
        export.SetAction(result =>
        {
            var path = result.GetValue(keyFile) is { } k ? Path.GetFullPath(k, console.CurrentDirectory) : Path.Combine(DefaultFolder(exportCommon, result, console), "public.asc");
            console.Out.Write(ReleaseKey.ExportPublic(path));
            return 0;
        });

        command.Subcommands.Add(generate);
        command.Subcommands.Add(export);
        return command;
    }

    public static Option<string?> PassphraseOption() => new("--passphrase-file")
    {
        Description = "A file whose first line is the key's passphrase.",
        HelpName = "FILE",
    };

    public static string? ReadPassphrase(ParseResult result, Option<string?> option, CliConsole console)
    {
        if (result.GetValue(option) is not { } file)
        {
            return null;
        }

        var path = Path.GetFullPath(file, console.CurrentDirectory);
        if (!File.Exists(path))
        {
            throw new HeraldException($"{file}: no such passphrase file.");
        }

        return File.ReadLines(path).FirstOrDefault() ?? string.Empty;
    }

    private static string DefaultFolder(CommonOptions common, ParseResult result, CliConsole console) =>
        Path.Combine(common.Open(result, console).DataDirectory, "keys");
}
