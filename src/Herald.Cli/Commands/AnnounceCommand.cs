using System.CommandLine;
using Herald.Advisories;
using Herald.Announcements;
using Herald.Mail;
using Herald.News;
using Herald.Storage;

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
        var publish = new Option<bool>("--publish") { Description = "Store it as a news post in category Releases and print its address; again for the same versions updates that post." };
        var mail = new Option<bool>("--mail") { Description = "Publish as --publish does, then send the post to the [mail] lists, each at most once." };
        var afterEmbargo = new Option<bool>("--after-embargo") { Description = "With --publish or --mail, for releases an embargo holds: store the post unpublished now; the portal publishes (and with --mail, mails) it when the embargo ends." };
        var database = IndexCommand.DatabaseOption();
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

            --publish refuses releases an advisory under embargo holds (see 'herald publish'), naming
            the advisory and the embargo's end in UTC; --publish --after-embargo stores the post
            unpublished, and the portal publishes it when every advisory holding them is public (and,
            with --mail, mails it to the [mail] lists then, each once).

            Example:
              herald announce 4.6.6 4.7.3 --repo ~/src/xen
              herald announce 4.9.0 --release-manager "Julien Grall" --format html
              herald announce 4.8.1 --json
              herald announce 4.19.1 --publish --after-embargo
              herald announce 4.19.1 --mail --after-embargo
            """);
        common.AddTo(command);
        command.Arguments.Add(versions);
        command.Options.Add(format);
        command.Options.Add(releaseManager);
        command.Options.Add(publish);
        command.Options.Add(mail);
        command.Options.Add(afterEmbargo);
        command.Options.Add(database);
        command.Validators.Add(parsed =>
        {
            if (parsed.GetValue(afterEmbargo) && !parsed.GetValue(publish) && !parsed.GetValue(mail))
            {
                parsed.AddError("--after-embargo goes with --publish (or --mail).");
            }
        });
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
                var author = result.GetValue(releaseManager) ?? project.Config.Announce.ReleaseManager ?? project.Config.ProjectName;
                var holds = await PublishCommand.LoadHoldsAsync(project, result.GetValue(database), console, cancellationToken);
                var now = console.Clock.GetUtcNow();
                var heldBy = announcement.Versions.SelectMany(v => holds.For(v, now)).ToList();
                if (heldBy.Count > 0 && !result.GetValue(afterEmbargo))
                {
                    throw PublishCommand.Held(string.Join(" and ", announcement.Versions), heldBy);
                }

                if (heldBy.Count == 0 && result.GetValue(afterEmbargo))
                {
                    throw new HeraldException($"no advisory under embargo holds {string.Join(" or ", announcement.Versions)}; publish without --after-embargo.");
                }

                announcement = await PublishAsync(project, result.GetValue(database), announcement, author, result.GetValue(mail), heldBy, console, cancellationToken);
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
            if (announcement.Url is { } published)
            {
                // Last, alone on its line: where the post is, for a person and for a script.
                await console.Out.WriteLineAsync(published.ToString());
            }

            return 0;
        });
        return command;
    }

    /// <summary>Stores the announcement (a new post, or the one of the same versions updated) and mails it when asked.</summary>
    private static async Task<Announcement> PublishAsync(HeraldProject project, string? connection, Announcement announcement, string author, bool mail, List<ReleaseHold> heldBy, CliConsole console, CancellationToken cancellationToken)
    {
        var mailSettings = project.Config.Mail;
        if (mail)
        {
            // Checked before anything is stored: a mail that cannot go leaves no half-done publication behind.
            if (mailSettings is null)
            {
                throw new HeraldException("--mail needs [mail] in herald.toml (smtp, from, lists); see README.md, Configuration.");
            }

            _ = PostMail.Url(announcement.Slug, project.Config.PortalUrl ?? throw new HeraldException("--mail sends links to the portal; set url = \"https://…\" under [project] in herald.toml."));
        }

        var db = IndexDatabase.For(project.DataDirectory, connection ?? project.Config.Database);
        await db.EnsureMigratedAsync(new Progress<string>(waiting => console.Error.WriteLine("herald: " + waiting)), cancellationToken);
        var held = heldBy.Count > 0;
        var draft = new PostDraft(announcement.Title, announcement.Markdown, author, announcement.Categories, Published: !held) { Versions = announcement.Versions };
        var (post, created) = await new NewsStore(db, console.Clock).SaveAnnouncementAsync(draft, cancellationToken);
        var url = PostMail.Url(post.Slug, project.Config.PortalUrl);
        if (held)
        {
            foreach (var advisory in heldBy.Select(h => h.Advisory).Distinct(StringComparer.Ordinal))
            {
                await (mail
                    ? ReleaseHolds.HoldMailedPostAsync(db, advisory, post.Slug, console.Clock.GetUtcNow(), cancellationToken)
                    : ReleaseHolds.HoldPostAsync(db, advisory, post.Slug, console.Clock.GetUtcNow(), cancellationToken));
            }

            console.Notes.Add($"herald: stored {url} unpublished; it is published{(mail ? " and mailed to the lists" : string.Empty)} when the embargo ends: {string.Join("; ", heldBy.Select(h => h.Describe()))}");
            return announcement;
        }

        console.Notes.Add($"herald: {(created ? "published" : "updated")} {url}");
        if (mail)
        {
            var deliveries = await new Mailer(mailSettings!, console.Clock).SendAsync(PostMail.For(post, project.Config.PortalUrl), new DatabaseMailLedger(db), cancellationToken: cancellationToken);
            foreach (var delivery in deliveries)
            {
                console.Notes.Add(delivery.Outcome switch
                {
                    MailDeliveryOutcome.Sent => $"herald: mailed to {delivery.Recipient}",
                    MailDeliveryOutcome.AlreadySent => $"herald: {delivery.Recipient} had it already, not sent again",
                    _ => $"herald: NOT mailed to {delivery.Recipient}: {delivery.Message}",
                });
            }

            if (deliveries.Any(d => d.Outcome == MailDeliveryOutcome.Failed))
            {
                throw new HeraldException($"published {url}, but mail to {string.Join(", ", deliveries.Where(d => d.Outcome == MailDeliveryOutcome.Failed).Select(d => d.Recipient))} failed: {deliveries.First(d => d.Outcome == MailDeliveryOutcome.Failed).Message}; run again with --publish --mail to retry only those.");
            }
        }

        return announcement.PublishedAt(new Uri(url, UriKind.RelativeOrAbsolute));
    }
}
