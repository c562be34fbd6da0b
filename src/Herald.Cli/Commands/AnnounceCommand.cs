using System.CommandLine;
using Herald.Announcements;

namespace Herald.Cli.Commands;

/// <summary><c>herald announce VERSION…</c>: drafts the announcement of releases.</summary>
internal static class AnnounceCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var versions = new Argument<string[]>("VERSION")
        {
            Description = "One major release (4.9.0), or point releases of different series released together (4.6.6 4.7.3).",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "markdown, html (sanitised) or text (plain, for mail).",
            DefaultValueFactory = _ => "markdown",
            HelpName = "FORMAT",
        };
        format.AcceptOnlyFromAmong("markdown", "html", "text");
        var releaseManager = new Option<string?>("--release-manager")
        {
            Description = "Who managed a major release (default: [announce] release_manager).",
            HelpName = "NAME",
        };
        var publish = new Option<bool>("--publish") { Description = "Publish the draft as a news post (not available yet)." };
        var mail = new Option<bool>("--mail") { Description = "Mail the draft to the announcement list (not available yet)." };
        var command = new Command("announce", """
            Drafts the announcement of releases from Liquid templates, with every figure from the engine.

            Point releases, one or several series released together: the title ("4.6.6 and 4.7.3 are
            available"), each release's stable-branch shortlog, tag and download page, the advice to
            update for series supported on the release date (the support policy, as 'herald status'),
            a last-release note for series at their end, and links to the lists of changes.
            A major release X.Y.0: "What's new", the release managers ([announce] in herald.toml), the
            notes by section from the tag's CHANGELOG.md (Keep a Changelog: Added, Changed, …) and/or
            notes/X.Y.0.md beside herald.toml, the figures of 'herald stats X.Y.0' against the previous
            X.Y.0, and the tag with the published files and their checksums.

            Links are absolute on [project] url when set, else root-relative. A project overrides the
            drafts with templates/announce-point.liquid and templates/announce-major.liquid beside
            herald.toml (docs/announcements.md lists what they see). Output: the title as a heading,
            then the body; --json prints title, slug, categories, versions, markdown, html and url.

            Example:
              herald announce 4.6.6 4.7.3 --repo ~/src/xen
              herald announce 4.9.0 --release-manager "Julien Grall" --format html
              herald announce 4.8.1 --json
            """);
        common.AddTo(command);
        command.Arguments.Add(versions);
        command.Options.Add(format);
        command.Options.Add(releaseManager);
        command.Options.Add(publish);
        command.Options.Add(mail);
        command.SetAction(async (result, cancellationToken) =>
        {
            var project = common.Open(result, console);
            Announcement announcement;
            using (var progress = new ProgressDisplay(console, "drafting the announcement"))
            {
                var builder = new AnnouncementBuilder(project, console.Clock, progress);
                announcement = await builder.BuildAsync(result.GetRequiredValue(versions), result.GetValue(releaseManager), cancellationToken);
            }

            if (result.GetValue(publish) || result.GetValue(mail))
            {
                announcement = await PublishAsync(announcement, result.GetValue(publish), result.GetValue(mail), cancellationToken);
            }

            if (result.GetValue(common.Json))
            {
                await console.Out.WriteLineAsync(HeraldJson.Serialize(announcement));
                return 0;
            }

            var text = result.GetValue(format) switch
            {
                "html" => $"<h1>{System.Net.WebUtility.HtmlEncode(announcement.Title)}</h1>\n{announcement.Html}",
                "text" => $"{announcement.Title}\n{new string('=', announcement.Title.Length)}\n\n{announcement.PlainText()}",
                _ => $"# {announcement.Title}\n\n{announcement.Markdown}",
            };
            await console.Out.WriteAsync(text.TrimEnd('\n') + "\n");
            return 0;
        });
        return command;
    }

    // INTEGRATION SEAM: the news store (--publish) and the mailer (--mail) replace this method; it returns the
    // announcement with its Url set once published.
    private static Task<Announcement> PublishAsync(Announcement announcement, bool publish, bool mail, CancellationToken cancellationToken)
    {
        _ = announcement;
        _ = mail;
        cancellationToken.ThrowIfCancellationRequested();
        throw new HeraldException(publish ? "--publish is not available yet" : "--mail is not available yet");
    }
}
