using System.CommandLine;
using Herald.Advisories;
using Herald.Mail;
using Herald.Publishing;
using Herald.Storage;

namespace Herald.Cli.Commands;

/// <summary><c>herald advisory create|update|publish|list|show|mail</c>: the advisories the security team manages.</summary>
internal static class AdvisoryCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("advisory", "Security advisories the security team manages: 'create', 'update', 'publish', 'list', 'show', 'mail'.");
        command.Subcommands.Add(CreateVerb(console));
        command.Subcommands.Add(UpdateVerb(console));
        command.Subcommands.Add(PublishVerb(console));
        command.Subcommands.Add(ListVerb(console));
        command.Subcommands.Add(ShowVerb(console));
        command.Subcommands.Add(MailVerb(console));
        return command;
    }

    private static Command CreateVerb(CliConsole console)
    {
        var options = new AdvisoryContentOptions(titleRequired: true);
        var number = new Option<int?>("--number") { Description = "The number to take instead of the next free one.", HelpName = "N" };
        var command = new Command("create", """
            Makes an advisory with the next free number after every one stored and every PREFIX-n the
            repository's commits name ([security] prefix, XSA by default). With --embargo-until it is
            pre-disclosed at once: its clear-signed text is mailed to the pre-disclosure list; without, a draft
            only the security team sees. The text is signed with the release key (DATA/keys/secret.asc or
            --key) when there is one.

            Example:
              herald advisory create --title "x86: guest can crash the host" --cve CVE-2026-12345 \
                --affects 4.18,4.19 --embargo-until 2030-01-01T12:00Z --body xsa.md \
                --patch stable-4.19=xsa500-4.19.patch --json
            """);
        options.AddTo(command);
        command.Options.Add(number);
        command.SetAction(async (result, cancellationToken) =>
        {
            var input = options.Read(result, console);
            var (project, database) = await options.Access.OpenAsync(result, console, cancellationToken);
            var issuer = options.Issuer(result, console, project, database);
            var prefix = project.Config.Security.Prefix;

            // The index first: the numbers its commits name are taken.
            await new Indexer(project, database, console.Clock).RunAsync(null, cancellationToken);
            var used = await AdvisoryNumbers.UsedInCommitsAsync(database, prefix, cancellationToken);
            var draft = new AdvisoryDraft
            {
                Title = input.Title!,
                Cves = input.Cves,
                Affects = input.Affects,
                Versions = input.Versions,
                Commits = input.Commits,
                Sections = input.Sections ?? new AdvisorySections(),
                EmbargoUntil = input.EmbargoUntil,
                Patches = input.Patches,
                HoldReleases = input.HoldReleases,
                HoldPosts = input.HoldPosts,
                Number = result.GetValue(number),
            };
            var advisory = await new AdvisoryStore(database, console.Clock).CreateAsync(draft, prefix, used, cancellationToken);
            return await FinishAsync(console, issuer, advisory, "created", result.GetValue(options.Access.Common.Json), cancellationToken);
        });
        return command;
    }

    private static Command UpdateVerb(CliConsole console)
    {
        var options = new AdvisoryContentOptions(titleRequired: false);
        var id = IdArgument();
        var updates = new Option<string>("--updates") { Description = "What changed in this version (its \"UPDATES IN VERSION N\").", Required = true, HelpName = "TEXT" };
        var command = new Command("update", """
            Makes a new version of an advisory: what is given replaces what was (patches are added, a file
            name given again replaces its file). An embargo given to a draft pre-discloses it. While under
            embargo, the new version's text is mailed to the pre-disclosure list.

            Example:
              herald advisory update XSA-500 --updates "Patch for 4.17 added." --patch stable-4.17=xsa500-4.17.patch
            """);
        command.Arguments.Add(id);
        command.Options.Add(updates);
        options.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var input = options.Read(result, console);
            var (project, database) = await options.Access.OpenAsync(result, console, cancellationToken);
            var issuer = options.Issuer(result, console, project, database);
            var change = new AdvisoryChange
            {
                Updates = result.GetRequiredValue(updates),
                Title = input.Title,
                Cves = input.Cves.Count > 0 ? input.Cves : null,
                Affects = input.Affects.Count > 0 ? input.Affects : null,
                Versions = input.Versions.Count > 0 ? input.Versions : null,
                Commits = input.Commits.Count > 0 ? input.Commits : null,
                Sections = input.Sections,
                EmbargoUntil = input.EmbargoUntil,
                Patches = input.Patches,
                HoldReleases = input.HoldReleases,
                HoldPosts = input.HoldPosts,
            };
            var advisory = await new AdvisoryStore(database, console.Clock).UpdateAsync(result.GetRequiredValue(id), change, cancellationToken);
            return await FinishAsync(console, issuer, advisory, "updated", result.GetValue(options.Access.Common.Json), cancellationToken);
        });
        return command;
    }

    private static Command PublishVerb(CliConsole console)
    {
        var access = new ProjectDatabase();
        var signing = new AdvisorySigningOptions();
        var id = IdArgument();
        var now = new Option<bool>("--now") { Description = "Publish before the embargo ends (needs --reason, which is recorded)." };
        var reason = new Option<string?>("--reason") { Description = "Why the embargo is broken (recorded with the advisory).", HelpName = "TEXT" };
        var command = new Command("publish", """
            Makes an advisory public now and stores its public text (without the embargo line), signed.
            An embargoed advisory is published by the portal by itself when its embargo ends; before then
            only with --now --reason "…", and the reason is recorded.

            Example:
              herald advisory publish XSA-500
              herald advisory publish XSA-500 --now --reason "The issue is being exploited publicly."
            """);
        command.Arguments.Add(id);
        command.Options.Add(now);
        command.Options.Add(reason);
        access.AddTo(command);
        signing.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(reason);
            if (given is not null && !result.GetValue(now))
            {
                throw new HeraldException("--reason goes with --now (publishing before the embargo ends); give both, or neither.");
            }

            var (project, database) = await access.OpenAsync(result, console, cancellationToken);
            var issuer = new AdvisoryIssuer(database, signing.Load(result, console, project), project.Config.ProjectName, project.Config.Mail, console.Clock);
            var store = new AdvisoryStore(database, console.Clock);
            // Public already (by its embargo's end, or an earlier run whose publication did not complete): finish it.
            var advisory = await store.FindAsync(result.GetRequiredValue(id), cancellationToken) is { State: AdvisoryState.Public } done && !done.Completed
                ? done
                : await issuer.WriteTextAsync(await store.PublishAsync(result.GetRequiredValue(id), result.GetValue(now) ? given ?? string.Empty : null, cancellationToken), cancellationToken);
            var publication = await CompletePublicationAsync(console, project, database, advisory, cancellationToken);
            if (result.GetValue(access.Common.Json))
            {
                var described = AdvisoryJson.Describe(advisory);
                described["publication"] = publication;
                console.Out.WriteLine(HeraldJson.Serialize(described));
            }
            else
            {
                var early = advisory.EarlyReason is { } why ? $" before its embargo ({why})" : string.Empty;
                console.Out.WriteLine($"published {advisory.Id} at {AdvisoryJson.Time(advisory.PublishedAt)}{early}");
                if (publication is not null)
                {
                    console.Out.WriteLine($"posts published: {Names(publication.PostsPublished)}; releases published: {Names(publication.ReleasesPublished)}; mailed to: {Names(publication.Mailed)}");
                }
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// What publication entails beyond the state and the public text, done at once by the same publisher the portal
    /// runs at an embargo's end (exactly once, whoever gets there first): held posts published, staged releases moved
    /// into the artifact store, the text mailed to the <c>[mail]</c> lists. What could not be done is reported; the
    /// portal's publisher (or the next 'advisory publish') finishes it.
    /// </summary>
    private static async Task<AdvisoryPublication?> CompletePublicationAsync(CliConsole console, HeraldProject project, IndexDatabase database, ManagedAdvisory advisory, CancellationToken cancellationToken)
    {
        var store = ArtifactStore.For(project);
        IReadOnlyList<AdvisoryPublication> runs;
        try
        {
            runs = await new AdvisoryPublisher(database, console.Clock, PublicationChannels.For(project, store)).RunDueAsync(console.Clock.GetUtcNow(), cancellationToken);
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }

        var publication = runs.FirstOrDefault(r => r.Id == advisory.Id);
        if (publication is null)
        {
            console.Error.WriteLine($"herald: another publisher is completing {advisory.Id}'s publication now (held posts, releases, mails).");
        }
        else if (publication.Error is { } error)
        {
            console.Error.WriteLine($"herald: {advisory.Id} is public, but its publication is not complete: {error} The portal's publisher tries again, or run 'herald advisory publish {advisory.Id}' later.");
        }

        return publication;
    }

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);

    private static Command ListVerb(CliConsole console)
    {
        var access = new ProjectDatabase();
        var command = new Command("list", """
            Lists every managed advisory, drafts and embargoed ones included (the security team's view), newest first.

            Example:
              herald advisory list --json
            """);
        access.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var (_, database) = await access.OpenAsync(result, console, cancellationToken);
            var advisories = await new AdvisoryStore(database, console.Clock).ListAsync(cancellationToken);
            if (result.GetValue(access.Common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(advisories.Select(a => AdvisoryJson.Describe(a))));
                return 0;
            }

            if (advisories.Count == 0)
            {
                console.Out.WriteLine("no managed advisories; 'herald advisory create' makes one.");
                return 0;
            }

            var idWidth = Math.Max(2, advisories.Max(a => a.Id.Length));
            console.Out.WriteLine($"{"ID".PadRight(idWidth)}  {"STATE",-9}  {"EMBARGO UNTIL",-17}  {"VER",3}  TITLE");
            foreach (var advisory in advisories)
            {
                var until = advisory.EmbargoUntil is { } u ? u.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture) : "-";
                console.Out.WriteLine($"{advisory.Id.PadRight(idWidth)}  {advisory.State.ToString().ToLowerInvariant(),-9}  {until,-17}  {advisory.Revision,3}  {advisory.Content.Title}");
            }

            return 0;
        });
        return command;
    }

    private static Command ShowVerb(CliConsole console)
    {
        var access = new ProjectDatabase();
        var id = IdArgument();
        var text = new Option<bool>("--text") { Description = "Print the stored text of the current version (clear-signed when a key signed it)." };
        var osv = new Option<bool>("--osv") { Description = "Print the advisory as an OSV record (JSON), with where its fix landed." };
        var command = new Command("show", """
            Shows one managed advisory: its state, embargo, versions and patches; --text prints its text as
            published and mailed; --osv its OSV record.

            Example:
              herald advisory show XSA-500 --text
            """);
        command.Arguments.Add(id);
        command.Options.Add(text);
        command.Options.Add(osv);
        access.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var (project, database) = await access.OpenAsync(result, console, cancellationToken);
            var wanted = result.GetRequiredValue(id);
            var advisory = await new AdvisoryStore(database, console.Clock).FindAsync(wanted, cancellationToken)
                ?? throw new HeraldException($"no advisory '{(wanted.Length > 60 ? wanted[..60] + "…" : wanted)}' is managed here; 'herald advisory list' shows them.");
            if (result.GetValue(osv))
            {
                await using var context = database.CreateContext();
                var snapshot = await IndexSnapshot.LoadAsync(context, 0, cancellationToken);
                var report = snapshot.Advisories.Report(advisory.Id);
                var repository = OsvExport.RepositoryAddress(project.Config.Links, project.Config.PortalUrl);
                console.Out.Write(OsvExport.Serialize(advisory, report, repository, OsvExport.AffectedVersions(snapshot, advisory, report), project.Config.PortalUrl));
                return 0;
            }

            if (result.GetValue(text))
            {
                var text = advisory.Text ?? throw new HeraldException($"{advisory.Id} v{advisory.Revision} has no stored text; 'herald advisory update' makes one.");
                // A signature's armour ends without a line break; the terminal (and a file redirected to) gets one.
                console.Out.Write(text.EndsWith('\n') ? text : text + "\n");
                return 0;
            }

            if (result.GetValue(access.Common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(AdvisoryJson.Describe(advisory, withText: true)));
                return 0;
            }

            console.Out.WriteLine($"{advisory.Id}  {advisory.Content.Title}");
            console.Out.WriteLine($"state: {advisory.State.ToString().ToLowerInvariant()}, version {advisory.Revision}");
            if (advisory.EmbargoUntil is { } until)
            {
                console.Out.WriteLine($"embargo until: {AdvisoryJson.Time(until)}");
            }

            if (advisory.Content.Cves.Count > 0)
            {
                console.Out.WriteLine($"CVEs: {string.Join(", ", advisory.Content.Cves)}");
            }

            foreach (var patch in advisory.Patches)
            {
                console.Out.WriteLine($"patch: {patch.FileName} ({patch.Branch}) sha256 {patch.Sha256}");
            }

            return 0;
        });
        return command;
    }

    private static Command MailVerb(CliConsole console)
    {
        var access = new ProjectDatabase();
        var id = IdArgument();
        var command = new Command("mail", """
            Mails the current version of an embargoed advisory to the pre-disclosure members who do not have
            it yet (after a failed delivery, say); each member gets each version once.

            Example:
              herald advisory mail XSA-500
            """);
        command.Arguments.Add(id);
        access.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var (project, database) = await access.OpenAsync(result, console, cancellationToken);
            var wanted = result.GetRequiredValue(id);
            var advisory = await new AdvisoryStore(database, console.Clock).FindAsync(wanted, cancellationToken)
                ?? throw new HeraldException($"no advisory '{(wanted.Length > 60 ? wanted[..60] + "…" : wanted)}' is managed here; 'herald advisory list' shows them.");
            if (advisory.State != AdvisoryState.Embargoed)
            {
                throw new HeraldException($"{advisory.Id} is {advisory.State.ToString().ToLowerInvariant()}; only an embargoed advisory is mailed to the pre-disclosure list.");
            }

            var issuer = new AdvisoryIssuer(database, null, project.Config.ProjectName, project.Config.Mail, console.Clock);
            var deliveries = await MailAsync(console, issuer, advisory, cancellationToken);
            if (result.GetValue(access.Common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(new { id = advisory.Id, revision = advisory.Revision, mail = Deliveries(deliveries) }));
            }

            return Failed(advisory, deliveries);
        });
        return command;
    }

    /// <summary>After create or update: the text made, signed and stored, the members mailed when due, the result printed.</summary>
    private static async Task<int> FinishAsync(CliConsole console, AdvisoryIssuer issuer, ManagedAdvisory advisory, string verb, bool json, CancellationToken cancellationToken)
    {
        advisory = await issuer.WriteTextAsync(advisory, cancellationToken);
        if (!issuer.Signs)
        {
            console.Notes.Add("herald: no release key (DATA/keys/secret.asc, or --key): the text is stored unsigned; 'herald key generate' makes one.");
        }

        var deliveries = await MailAsync(console, issuer, advisory, cancellationToken);
        if (json)
        {
            var described = AdvisoryJson.Describe(advisory);
            described["mail"] = Deliveries(deliveries);
            console.Out.WriteLine(HeraldJson.Serialize(described));
        }
        else
        {
            var state = advisory.State == AdvisoryState.Embargoed && advisory.EmbargoUntil is { } until
                ? "embargoed until " + AdvisoryText.EmbargoLine(until)["This issue is under embargo until ".Length..]
                : advisory.State.ToString().ToLowerInvariant();
            console.Out.WriteLine($"{verb} {advisory.Id} v{advisory.Revision} ({state}): {advisory.Content.Title}");
        }

        return Failed(advisory, deliveries);
    }

    private static async Task<IReadOnlyList<MailDelivery>?> MailAsync(CliConsole console, AdvisoryIssuer issuer, ManagedAdvisory advisory, CancellationToken cancellationToken)
    {
        if (!MemberMail.IsDue(advisory))
        {
            return null;
        }

        if (!issuer.Mails)
        {
            console.Notes.Add($"herald: [mail] is not configured in herald.toml: no mail was sent to the pre-disclosure list for {advisory.Id} v{advisory.Revision}.");
            return null;
        }

        var deliveries = await issuer.MailMembersAsync(advisory, cancellationToken) ?? [];
        if (deliveries.Count == 0)
        {
            console.Notes.Add("herald: the pre-disclosure list is empty: no mail was sent ('herald predisclosure add' adds members).");
        }

        foreach (var delivery in deliveries)
        {
            await console.Error.WriteLineAsync(delivery.Outcome switch
            {
                MailDeliveryOutcome.Sent => $"herald: mailed {advisory.Id} v{advisory.Revision} to {delivery.Recipient}",
                MailDeliveryOutcome.AlreadySent => $"herald: {delivery.Recipient} had {advisory.Id} v{advisory.Revision} already, not sent again",
                _ => $"herald: NOT mailed to {delivery.Recipient}: {delivery.Message}",
            });
        }

        return deliveries;
    }

    private static int Failed(ManagedAdvisory advisory, IReadOnlyList<MailDelivery>? deliveries)
    {
        if (deliveries?.FirstOrDefault(d => d.Outcome == MailDeliveryOutcome.Failed) is { } failed)
        {
            throw new HeraldException($"{advisory.Id} v{advisory.Revision} is stored, but mail to {string.Join(", ", deliveries.Where(d => d.Outcome == MailDeliveryOutcome.Failed).Select(d => d.Recipient))} failed: {failed.Message}; 'herald advisory mail {advisory.Id}' sends it to those only.");
        }

        return 0;
    }

    private static List<Dictionary<string, string>>? Deliveries(IReadOnlyList<MailDelivery>? deliveries) =>
        deliveries?.Select(d => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["recipient"] = d.Recipient,
            ["outcome"] = d.Outcome switch { MailDeliveryOutcome.Sent => "sent", MailDeliveryOutcome.AlreadySent => "alreadySent", _ => "failed" },
        }).ToList();

    private static Argument<string> IdArgument() => new("ID") { Description = "The advisory (XSA-500)." };
}
